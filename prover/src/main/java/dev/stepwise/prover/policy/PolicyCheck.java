package dev.stepwise.prover.policy;

import dev.stepwise.search.Candidate;
import dev.stepwise.search.PolicyRequest;
import dev.stepwise.search.PolicyUnavailableException;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.StateHandle;
import dev.stepwise.search.Suggestions;
import dev.stepwise.search.Theorem;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Asks the configured policy once for tactics at one state and prints what came back, so a user
 * can see that Stepwise reaches the model server (and with which prompt format) before a long run.
 */
public final class PolicyCheck {
    private final PolicyFactory factory;

    public PolicyCheck(PolicyFactory factory) {
        this.factory = factory;
    }

    /** What the check found: the candidates, or why the policy could not answer. */
    public sealed interface Outcome {
        record Answered(Suggestions suggestions) implements Outcome {
        }

        record Unavailable(String reason) implements Outcome {
        }
    }

    public Outcome run(PolicyConfig config, String theoremName, String state, int count, PrintWriter out) {
        try (OpenPolicy policy = factory.open(config)) {
            out.println("policy: " + policy.description());
            out.println("state:  " + state.replace("\n", "\n        "));
            out.flush();
            PolicyRequest request = new PolicyRequest(new Theorem(theoremName, "", "theorem " + theoremName + " := by"),
                    new ProofState(new StateHandle() { }, state, 1), List.of(), count, 1.0, 0);
            long start = System.nanoTime();
            Suggestions s;
            try {
                s = policy.suggest(request).get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof PolicyUnavailableException p) {
                    return new Outcome.Unavailable(p.getMessage());
                }
                throw new IllegalStateException("the policy failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome.Unavailable("interrupted");
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            out.printf("answered in %.2f s: %d candidate(s), %d prompt tokens, %d completion tokens%n",
                    took.toNanos() / 1e9, s.candidates().size(), s.promptTokens(), s.completionTokens());
            s.candidates().stream().sorted(Comparator.comparingDouble(Candidate::logProbSum).reversed())
                    .forEach(c -> out.printf("  %9.4f  %s%n", c.logProbSum(), c.tactic().replace("\n", "\n             ")));
            out.flush();
            return new Outcome.Answered(s);
        }
    }
}
