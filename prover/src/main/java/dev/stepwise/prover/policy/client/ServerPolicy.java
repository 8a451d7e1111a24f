package dev.stepwise.prover.policy.client;

import dev.stepwise.prover.policy.prompt.Prompt;
import dev.stepwise.prover.policy.prompt.PromptBuilder;
import dev.stepwise.prover.policy.prompt.PromptInput;
import dev.stepwise.prover.policy.prompt.PromptTemplate;
import dev.stepwise.search.Candidate;
import dev.stepwise.search.PolicyRequest;
import dev.stepwise.search.PolicyUnavailableException;
import dev.stepwise.search.Suggestions;
import dev.stepwise.search.TacticPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The tactic policy backed by a model server: renders the prompt (cut to its budget), asks for n
 * samples with log-probs, and turns each complete sample into a candidate scored by its tokens'
 * log-probs. Each request runs on its own virtual thread; prompts are built on a small bounded
 * executor because the tokenizer is native code that would pin a carrier thread.
 */
public final class ServerPolicy implements TacticPolicy, AutoCloseable {
    private final PromptBuilder prompts;
    private final Executor promptExecutor;
    private final CompletionClient client;
    private final Sampling sampling;
    private final Duration requestTimeout;
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

    public ServerPolicy(PromptBuilder prompts, Executor promptExecutor, CompletionClient client, Sampling sampling,
            Duration requestTimeout) {
        this.prompts = prompts;
        this.promptExecutor = promptExecutor;
        this.client = client;
        this.sampling = sampling;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public CompletableFuture<Suggestions> suggest(PolicyRequest request) {
        CompletableFuture<Suggestions> result = new CompletableFuture<>();
        try {
            requests.execute(() -> {
                try {
                    result.complete(answer(request));
                } catch (RuntimeException e) {
                    // Every failure completes the future: a caller must never wait on a lost request.
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new PolicyUnavailableException("the model policy is closed", e));
        }
        return result;
    }

    private Suggestions answer(PolicyRequest request) {
        PromptInput input = new PromptInput(request.theorem().name(), request.theorem().header(),
                request.proofBefore(), request.state().goals());
        Prompt prompt = buildPrompt(input);
        PromptTemplate template = prompts.template();
        CompletionRequest completion = new CompletionRequest(sampling.model(), prompt.text(), request.count(),
                sampling.maxTokens(), request.temperature(), sampling.topP(), request.seed(), template.stops(), sampling.scale());
        Completions answer = client.complete(completion, requestTimeout);
        List<Candidate> candidates = new ArrayList<>();
        for (Sample s : answer.samples()) {
            toCandidate(s, template).ifPresent(candidates::add);
        }
        // The server's count when it gives one; else ours, when ours is in tokens at all.
        long promptTokens = answer.promptTokens() > 0 ? answer.promptTokens()
                : "tokens".equals(prompts.counter().unit()) ? prompt.length() : 0;
        return new Suggestions(candidates, promptTokens, answer.completionTokens());
    }

    private Optional<Candidate> toCandidate(Sample s, PromptTemplate template) {
        boolean complete = switch (s.finish()) {
            case STOP -> true;
            case LENGTH -> sampling.truncated() == TruncatedTactics.KEEP;
            case ABORT -> false;
        };
        if (!complete) {
            return Optional.empty();
        }
        // A model that thinks first is ranked by its tactic's tokens alone (StepReply's scored span): the
        // thought's length and confidence say little about the tactic. Plain templates score every token.
        return template.replyFrom(s.text()).map(r -> {
            Sample.Score score = s.scoreOver(r.scoredFrom(), r.scoredTo());
            // Servers round: a log-prob a hair above zero is a certain token, not an error.
            return new Candidate(r.tactic(), Math.min(0.0, score.logProbSum()), Math.max(1, score.tokenCount()), r.thought());
        });
    }

    private Prompt buildPrompt(PromptInput input) {
        try {
            return CompletableFuture.supplyAsync(() -> prompts.build(input), promptExecutor).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolicyUnavailableException("interrupted while building a prompt", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        requests.shutdown();
        client.close();
    }
}
