package dev.stepwise.prover.app;

import dev.stepwise.prover.config.ConfigException;
import dev.stepwise.prover.config.PlannerKeys;
import dev.stepwise.prover.config.SearchKeys;
import dev.stepwise.prover.config.SearchSettings;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.policy.PolicyConfig;
import dev.stepwise.prover.policy.client.ApiKey;
import dev.stepwise.prover.policy.client.ClientSettings;
import dev.stepwise.prover.policy.client.CompletionClient;
import dev.stepwise.prover.run.ProverStack;
import dev.stepwise.prover.run.SketchAttempts;
import dev.stepwise.prover.run.SketchPlan;
import dev.stepwise.prover.run.SketchPlanner;
import dev.stepwise.search.AttemptMode;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import okhttp3.HttpUrl;

/**
 * Sketch mode's parts, built when {@code search.mode} names {@code sketch}: a client of the
 * planner's chat server ({@code planner.*}, apart from the step-prover's {@code model.*}), and the
 * attempts, whose holes the stack's step search proves and whose assembled proofs the stack's gate
 * checks. Closing it stops the attempts, then the client.
 */
final class SketchSetup implements AutoCloseable {
    private final CompletionClient client;
    private final SketchAttempts attempts;

    private SketchSetup(CompletionClient client, SketchAttempts attempts) {
        this.client = client;
        this.attempts = attempts;
    }

    static boolean wanted(Settings s) {
        return AttemptMode.listOf(s.string(SearchKeys.MODE)).contains(AttemptMode.SKETCH);
    }

    /** Refuses sketch mode without a planner or without a step-prover server for its holes, before Lean starts. */
    static void check(Application app, Settings s) {
        if (wanted(s)) {
            plannerUrl(s);
            server(app);
        }
    }

    private static HttpUrl plannerUrl(Settings s) {
        String url = s.string(PlannerKeys.URL).strip();
        if (url.isEmpty()) {
            throw new ConfigException("search.mode=sketch needs a planner: set planner.url (and planner.model) to a chat "
                    + "model's server (any OpenAI-compatible /v1/chat/completions)");
        }
        try {
            return ClientSettings.parseUrl(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("planner.url: " + e.getMessage().replace("model.url ", ""), e);
        }
    }

    private static PolicyConfig.Server server(Application app) {
        if (!(app.policyConfig() instanceof PolicyConfig.Server server)) {
            throw new ConfigException("search.mode=sketch proves its holes with a step-prover: set model.url (and "
                    + "model.name) to a step-prover's server");
        }
        return server;
    }

    static SketchSetup open(Application app, Settings s, ProverStack stack) {
        PolicyConfig.Server server = server(app);
        ClientSettings base = server.client();
        ClientSettings planner = new ClientSettings(List.of(plannerUrl(s)), base.kind(), new ApiKey(s.string(PlannerKeys.API_KEY)),
                base.retry(), base.breaker(), base.requestTimeout(), base.healthInterval());
        String model = s.string(PlannerKeys.MODEL).isBlank() ? server.sampling().model() : s.string(PlannerKeys.MODEL).strip();
        CompletionClient client = new CompletionClient(app.httpClient(), planner, InstantSource.system(), new SplittableRandom());
        SketchPlanner sketches = SketchPlanner.over(client, model, s.integer(PlannerKeys.MAX_TOKENS),
                s.number(PlannerKeys.TEMPERATURE), base.requestTimeout());
        SketchPlan plan = new SketchPlan(s.integer(PlannerKeys.SKETCHES), new SearchSettings(s).searchConfig());
        return new SketchSetup(client, new SketchAttempts(plan, sketches, stack.sketches(), stack.services(),
                stack.acceptor()::checkWhole, InstantSource.system(), s.integer(SearchKeys.CONCURRENT_ATTEMPTS),
                s.integer(SearchKeys.CONCURRENT_ATTEMPTS)));
    }

    SketchAttempts attempts() {
        return attempts;
    }

    @Override
    public void close() {
        try {
            attempts.close();
        } finally {
            client.close();
        }
    }
}
