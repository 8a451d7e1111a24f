package dev.stepwise.prover.bench;

import dev.stepwise.search.Candidate;
import dev.stepwise.search.PolicyRequest;
import dev.stepwise.search.ProofEnvironment;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.StartOutcome;
import dev.stepwise.search.StateHandle;
import dev.stepwise.search.Suggestions;
import dev.stepwise.search.TacticOutcome;
import dev.stepwise.search.TacticPolicy;
import dev.stepwise.search.Theorem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A simulated, instant world for measuring the search's own cost: the policy answers at once with
 * W candidates whose log-probabilities come from a hash, and the environment answers at once:
 * about 20% Lean errors, about 6% states reached before (merges), 1% no-change (cycles), the rest
 * new states. State texts are made up front, up to {@code states}, so that the memory they take is
 * not counted as the search's; after that every tactic errs. Deterministic; one instance per search.
 */
final class SyntheticSearchWorld {
    static final Theorem THEOREM = new Theorem("synthetic", "-- simulated", "theorem synthetic : True := by");
    private static final String[] TACTICS = {"simp", "omega", "linarith", "norm_num [Nat.succ_le]", "ring_nf",
        "nlinarith [sq_nonneg (a - b)]", "aesop", "positivity"};
    private static final String ERROR = "linarith failed to find a contradiction";
    private static final String EXHAUSTED = "simulated world has no more states";

    record Handle(int id) implements StateHandle {
    }

    private final int width;
    private final String[] goals;
    private final Handle[] handles;
    private int made = 1;

    SyntheticSearchWorld(int states, int width) {
        this.width = width;
        this.goals = new String[states];
        this.handles = new Handle[states];
        for (int i = 0; i < states; i++) {
            goals[i] = "a b : ℝ\nh" + i + " : a ≤ b + " + i + "\n⊢ a * a ≤ b * b + " + (i % 97);
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    private static int id(ProofState state) {
        return ((Handle) state.handle()).id();
    }

    private ProofState state(int id) {
        if (handles[id] == null) {
            // A real environment makes one handle per state, so the handles count as the search's memory.
            handles[id] = new Handle(id);
        }
        return new ProofState(handles[id], goals[id], 1);
    }

    TacticPolicy policy() {
        return this::suggest;
    }

    CompletableFuture<Suggestions> suggest(PolicyRequest request) {
        return CompletableFuture.completedFuture(suggestions(id(request.state()), request.count()));
    }

    Suggestions suggestions(int stateId, int count) {
        List<Candidate> candidates = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            long h = mix(stateId * 31L + j);
            double logProb = -0.01 - (h & 0xFFFF) / 65536.0 * 3.0;
            int tokens = 1 + (int) ((h >>> 16) & 7);
            candidates.add(new Candidate(TACTICS[(j + stateId) % TACTICS.length], logProb * tokens / 4, tokens));
        }
        return new Suggestions(candidates, 120, 8L * count);
    }

    ProofEnvironment environment() {
        return new ProofEnvironment() {
            @Override
            public StartOutcome start(Theorem theorem) {
                return new StartOutcome.Started(state(0));
            }

            @Override
            public TacticOutcome apply(Theorem theorem, ProofState from, List<String> proofBefore, String tactic) {
                return outcome(id(from), tactic);
            }
        };
    }

    TacticOutcome outcome(int from, String tactic) {
        int roll = (int) Long.remainderUnsigned(mix(from * 131L + tactic.hashCode()), 100);
        if (roll < 20) {
            return new TacticOutcome.LeanError(ERROR);
        }
        if (roll < 26 && made > 1) {
            return new TacticOutcome.Progress(state(made - 1)); // the state made last: a merge
        }
        if (roll < 27) {
            return new TacticOutcome.Progress(state(from)); // no change: a cycle
        }
        if (made == goals.length) {
            return new TacticOutcome.LeanError(EXHAUSTED);
        }
        return new TacticOutcome.Progress(state(made++));
    }

    int width() {
        return width;
    }
}
