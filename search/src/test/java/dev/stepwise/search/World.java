package dev.stepwise.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted world for tests: each state's moves, given as a function of the goal text. The
 * policy suggests a state's moves in order; the environment applies them. Both record what they
 * were asked.
 */
final class World {

    record Handle(String goals) implements StateHandle {
    }

    sealed interface Result {
    }

    record Next(String goals) implements Result {
    }

    record Done() implements Result {
    }

    record Error(String message) implements Result {
    }

    record TimedOut() implements Result {
    }

    record Crash() implements Result {
    }

    record Refused() implements Result {
    }

    record Move(String tactic, double logProb, int tokens, Result result, String thought) {
        Move(String tactic, double logProb, int tokens, Result result) {
            this(tactic, logProb, tokens, result, "");
        }
    }

    static Move move(String tactic, double logProb, Result result) {
        return new Move(tactic, logProb, 1, result);
    }

    /** A move the model writes a thought before. */
    static Move thinking(String thought, String tactic, double logProb, Result result) {
        return new Move(tactic, logProb, 1, result, thought);
    }

    static Next next(String goals) {
        return new Next(goals);
    }

    static Done done() {
        return new Done();
    }

    static Error error(String message) {
        return new Error(message);
    }

    static final Theorem THEOREM = new Theorem("t", "import Mathlib", "theorem t : True := by");

    private final String root;
    private final Function<String, List<Move>> moves;
    final List<String> applied = Collections.synchronizedList(new ArrayList<>());
    final List<PolicyRequest> requests = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger starts = new AtomicInteger();
    long promptTokensPerRequest = 0;
    long completionTokensPerRequest = 0;
    /** Called before each application; tests use it to advance a fake clock. */
    Runnable onApply = () -> { };

    World(String root, Function<String, List<Move>> moves) {
        this.root = root;
        this.moves = moves;
    }

    static World of(String root, Map<String, List<Move>> table) {
        return new World(root, goals -> table.getOrDefault(goals, List.of()));
    }

    List<Move> movesAt(String goals) {
        return moves.apply(goals);
    }

    ProofEnvironment environment() {
        return new ProofEnvironment() {
            @Override
            public StartOutcome start(Theorem theorem) {
                starts.incrementAndGet();
                return new StartOutcome.Started(new ProofState(new Handle(root), root, 1));
            }

            @Override
            public TacticOutcome apply(Theorem theorem, ProofState state, List<String> proofBefore, String tactic) {
                onApply.run();
                applied.add(tactic);
                for (Move m : moves.apply(state.goals())) {
                    if (m.tactic().strip().equals(tactic)) {
                        return switch (m.result()) {
                            case Next n -> new TacticOutcome.Progress(new ProofState(new Handle(n.goals()), n.goals(), 1));
                            case Done d -> new TacticOutcome.ProofComplete();
                            case Error e -> new TacticOutcome.LeanError(e.message());
                            case TimedOut t -> new TacticOutcome.Timeout(Duration.ofSeconds(18));
                            case Crash c -> new TacticOutcome.Crashed("REPL exited with 137 (killed: out of memory)");
                            case Refused r -> new TacticOutcome.Rejected("forbidden by the environment");
                        };
                    }
                }
                return new TacticOutcome.LeanError("unknown tactic '" + tactic + "'");
            }
        };
    }

    TacticPolicy policy() {
        return request -> {
            requests.add(request);
            return CompletableFuture.completedFuture(suggestions(request));
        };
    }

    Suggestions suggestions(PolicyRequest request) {
        List<Candidate> candidates = new ArrayList<>();
        for (Move m : moves.apply(request.state().goals())) {
            if (candidates.size() == request.count()) {
                break;
            }
            candidates.add(new Candidate(m.tactic(), m.logProb(), m.tokens(), m.thought()));
        }
        return new Suggestions(candidates, promptTokensPerRequest, completionTokensPerRequest);
    }

    SearchServices services() {
        return SearchServices.of(environment(), policy());
    }
}
