package dev.stepwise.prover.app;

import dev.stepwise.lean.ReplStartException;
import dev.stepwise.prover.VersionInfo;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.critic.SearchCritic;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.lean.LeanSetup;
import dev.stepwise.prover.policy.PolicyConfig;
import dev.stepwise.prover.run.ProverStack;
import dev.stepwise.prover.run.WhatAnswered;
import dev.stepwise.prover.store.Simulation;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one place a Lean pool and a policy are put together, for {@code prove}, {@code eval},
 * {@code iterate} and the benchmarks alike. Lean that cannot start is exit 3 with Lean's reason.
 */
public final class Stacks {
    private Stacks() {
    }

    /**
     * Starts the Lean pool warmed with {@code headers} and opens the configured policy and critic.
     * The stack is labelled by what answered: the simulator is SIMULATED whether {@code --simulate}
     * or settings pointing at it by hand brought it in.
     */
    public static ProverStack open(Application app, LeanSetup lean, List<String> headers) {
        PolicyConfig policy = app.policyConfig();
        Simulation servers = WhatAnswered.servers(app.httpClient(), policy);
        return leanStarted(() -> ProverStack.open(lean, app.policyFactory(), policy,
                SearchCritic.open(app.settings(), app.httpClient()), headers, servers, VersionInfo.load().version(),
                InstantSource.system()));
    }

    /**
     * The Lean pool of {@code lean} with the policy and critic that {@code settings} name (a round's
     * job searches with its own model on the round's one pool); the caller closes the result,
     * which closes the policy and leaves the pool open.
     */
    public static ProverStack withPolicy(Application app, Settings settings, ProverStack lean) {
        PolicyConfig policy = PolicyConfig.from(settings, app::resolve);
        return lean.withPolicy(app.policyFactory().open(policy), SearchCritic.open(settings, app.httpClient()),
                WhatAnswered.servers(app.httpClient(), policy));
    }

    /** The Lean pool alone, for searches that each bring their own policy ({@link #withPolicy}). */
    public static ProverStack openLeanOnly(LeanSetup lean, List<String> headers) {
        return leanStarted(() -> ProverStack.openLeanOnly(lean, headers, VersionInfo.load().version(), InstantSource.system()));
    }

    private static ProverStack leanStarted(Supplier<ProverStack> open) {
        try {
            return open.get();
        } catch (ReplStartException e) {
            throw UserError.environment("cannot start Lean: " + withDoctorAdvice(e.getMessage(),
                    "to try Stepwise without Lean, see --simulate"), e);
        }
    }

    /**
     * Lean's reason with the advice to run {@code lean doctor} and then {@code more}, in brackets;
     * the advice only once: a missing REPL's reason (lean-bridge's) already gives it.
     */
    static String withDoctorAdvice(String reason, String more) {
        List<String> advice = new ArrayList<>();
        if (!reason.contains("lean doctor")) {
            advice.add("run 'bin/stepwise lean doctor'");
        }
        if (!more.isEmpty()) {
            advice.add(more);
        }
        return advice.isEmpty() ? reason : reason + " (" + String.join("; ", advice) + ")";
    }
}
