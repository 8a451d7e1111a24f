package dev.stepwise.prover.app;

import dev.stepwise.prover.config.ConfigException;
import dev.stepwise.prover.config.ConfigKey;
import dev.stepwise.prover.config.PolicyKeys;
import dev.stepwise.prover.config.SearchKeys;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.config.ValueSource;
import dev.stepwise.prover.policy.PolicyConfig;
import dev.stepwise.prover.policy.client.CompletionClient;
import dev.stepwise.prover.policy.prompt.WholeProofTemplate;
import dev.stepwise.prover.run.ProverStack;
import dev.stepwise.prover.run.WholeProofAttempts;
import dev.stepwise.prover.run.WholeProofPlan;
import dev.stepwise.prover.run.WholeProofSampler;
import dev.stepwise.search.AttemptMode;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Whole-proof mode's parts, built from the settings when {@code search.mode=whole-proof}: a client
 * of the configured model server, the template's sampling (its released temperature and length
 * unless set), and the attempts checked by the stack's gate. Closing it stops the attempts, then
 * the client. Evaluations and expert-iteration rounds open it alike.
 */
public final class WholeProofSetup implements AutoCloseable {
    private final CompletionClient client;
    private final WholeProofAttempts attempts;

    private WholeProofSetup(CompletionClient client, WholeProofAttempts attempts) {
        this.client = client;
        this.attempts = attempts;
    }

    public static boolean wanted(Settings s) {
        return AttemptMode.listOf(s.string(SearchKeys.MODE)).contains(AttemptMode.WHOLE_PROOF);
    }

    /** Refuses whole-proof mode without a model server, or with revisions on a template that has no chat turn. */
    public static void check(Application app, Settings s) {
        if (!wanted(s)) {
            return;
        }
        server(app, s);
        WholeProofTemplate template = WholeProofTemplate.named(s.string(PolicyKeys.WHOLE_PROOF_TEMPLATE));
        if (s.integer(SearchKeys.REVISIONS) > 0 && !template.chat()) {
            throw new ConfigException("search.revisions: revisions need a chat template (Goedel-Prover-V2's self-correction "
                    + "is a chat turn); " + template.name() + " continues a completion prompt");
        }
    }

    /** The model server of {@code s} (a round's job names its own model above the application's settings). */
    private static PolicyConfig.Server server(Application app, Settings s) {
        if (!(PolicyConfig.from(s, app::resolve) instanceof PolicyConfig.Server server)) {
            throw new ConfigException("search.mode=whole-proof needs a model server: set model.url (and model.name) "
                    + "to a server of a whole-proof model");
        }
        return server;
    }

    public static WholeProofSetup open(Application app, Settings s, ProverStack stack) {
        PolicyConfig.Server server = server(app, s);
        WholeProofTemplate template = WholeProofTemplate.named(s.string(PolicyKeys.WHOLE_PROOF_TEMPLATE));
        int maxTokens = isDefault(s, PolicyKeys.MAX_TOKENS) ? template.released().maxTokens() : s.integer(PolicyKeys.MAX_TOKENS);
        double temperature = isDefault(s, SearchKeys.TEMPERATURE) ? template.temperature() : s.number(SearchKeys.TEMPERATURE);
        double topP = isDefault(s, PolicyKeys.TOP_P) ? template.topP() : s.number(PolicyKeys.TOP_P);
        CompletionClient client = new CompletionClient(app.httpClient(), server.client(), InstantSource.system(),
                new SplittableRandom());
        WholeProofSampler sampler = WholeProofSampler.over(client, server.sampling().model(), maxTokens, temperature, topP,
                server.client().requestTimeout());
        WholeProofPlan plan;
        try {
            plan = new WholeProofPlan(template, s.integer(SearchKeys.SAMPLES), s.integer(SearchKeys.SAMPLE_BATCH),
                    s.longValue(SearchKeys.MAX_TOKENS), s.integer(SearchKeys.REVISIONS));
        } catch (IllegalArgumentException e) {
            client.close();
            throw new ConfigException("search.revisions: " + e.getMessage(), e);
        }
        String where = server.client().urls().stream().map(Object::toString).collect(Collectors.joining(", "));
        String model = "model " + (server.sampling().model().isEmpty() ? "(server default)" : server.sampling().model())
                + " at " + where + " (" + server.client().kind().configName() + "), whole-proof template " + template.name();
        return new WholeProofSetup(client, new WholeProofAttempts(plan, sampler, stack.acceptor()::checkWhole, InstantSource.system(),
                s.integer(SearchKeys.CONCURRENT_ATTEMPTS), s.integer(SearchKeys.POLICY_IN_FLIGHT), model));
    }

    /**
     * The sampling temperature a run uses: {@code search.temperature} when set; else, in whole-proof
     * mode, the template's released one (the step search's default is BFS-Prover-V2's).
     */
    static double temperature(Settings s) {
        if (AttemptMode.listOf(s.string(SearchKeys.MODE)).equals(java.util.List.of(AttemptMode.WHOLE_PROOF))
                && isDefault(s, SearchKeys.TEMPERATURE)) {
            return WholeProofTemplate.named(s.string(PolicyKeys.WHOLE_PROOF_TEMPLATE)).temperature();
        }
        return s.number(SearchKeys.TEMPERATURE);
    }

    private static boolean isDefault(Settings s, ConfigKey key) {
        return s.entry(key).source().layer() == ValueSource.Layer.DEFAULT;
    }

    public WholeProofAttempts attempts() {
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
