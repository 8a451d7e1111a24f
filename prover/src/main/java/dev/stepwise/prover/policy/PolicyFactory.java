package dev.stepwise.prover.policy;

import dev.stepwise.prover.policy.client.CompletionClient;
import dev.stepwise.prover.policy.client.ServerPolicy;
import dev.stepwise.prover.policy.portfolio.PortfolioPolicy;
import dev.stepwise.prover.policy.prompt.CharCounter;
import dev.stepwise.prover.policy.prompt.HuggingFaceTokenCounter;
import dev.stepwise.prover.policy.prompt.PromptBuilder;
import dev.stepwise.prover.policy.prompt.TokenCounter;
import dev.stepwise.search.PolicyRequest;
import dev.stepwise.search.Suggestions;
import dev.stepwise.search.TacticPolicy;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;

/** Builds the configured policy with its decorators, from the application's shared HTTP client. */
public final class PolicyFactory {
    /** Tokenizer calls are native and short; two threads keep up with hundreds of requests in flight. */
    private static final int TOKENIZER_THREADS = 2;

    private final OkHttpClient http;
    private final InstantSource clock;

    public PolicyFactory(OkHttpClient http, InstantSource clock) {
        this.http = http;
        this.clock = clock;
    }

    public OpenPolicy open(PolicyConfig config) {
        return switch (config) {
            case PolicyConfig.Portfolio p -> new Opened(new PortfolioPolicy(),
                    "portfolio of automation tactics on the CPU (no model; far weaker than a trained step-prover)",
                    () -> { });
            case PolicyConfig.Server s -> openServer(s);
        };
    }

    private OpenPolicy openServer(PolicyConfig.Server s) {
        TokenCounter counter = s.budget().openCounter();
        int budget = s.budget().limit();
        AtomicInteger n = new AtomicInteger();
        ExecutorService tokenizerThreads = Executors.newFixedThreadPool(TOKENIZER_THREADS, r -> {
            Thread t = new Thread(r, "tokenizer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CompletionClient client = new CompletionClient(http, s.client(), clock, new SplittableRandom());
        ServerPolicy server = new ServerPolicy(new PromptBuilder(s.template(), counter, budget), tokenizerThreads,
                client, s.sampling(), s.client().requestTimeout());
        TacticPolicy limited = new InFlightLimitedPolicy(server, s.maxInFlight());
        String where = s.client().urls().stream().map(Object::toString).collect(Collectors.joining(", "));
        String description = "model " + (s.sampling().model().isEmpty() ? "(server default)" : s.sampling().model())
                + " at " + where + " (" + s.client().kind().configName() + "), template " + s.template().name()
                + ", prompt budget " + budget + " " + counter.unit();
        TokenCounter toClose = counter;
        return new Opened(limited, description, () -> {
            server.close();
            tokenizerThreads.shutdown();
            PromptBudget.release(toClose);
        });
    }

    private static final class Opened implements OpenPolicy {
        private final TacticPolicy policy;
        private final String description;
        private final Runnable closer;
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        Opened(TacticPolicy policy, String description, Runnable closer) {
            this.policy = policy;
            this.description = description;
            this.closer = closer;
        }

        @Override
        public CompletableFuture<Suggestions> suggest(PolicyRequest request) {
            return policy.suggest(request);
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public void close() {
            // Idempotent: the native tokenizer must be freed exactly once.
            if (closed.compareAndSet(false, true)) {
                closer.run();
            }
        }
    }
}
