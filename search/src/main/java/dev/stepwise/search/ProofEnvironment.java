package dev.stepwise.search;

/**
 * Checks tactics. Implementations block (a REPL round trip, a process restart) and are called
 * from virtual threads, so blocking is cheap; they must be safe to call from many threads at
 * once and must bound every call by their own per-tactic deadline, reporting an overrun as
 * {@link TacticOutcome.Timeout}. A search that is cancelled interrupts its thread; an
 * implementation may then return early with any outcome (the search discards it) or finish the
 * call normally, but must leave its processes usable for other callers.
 */
public interface ProofEnvironment {

    StartOutcome start(Theorem theorem);

    /**
     * @param proofBefore the tactics from the root to {@code state}, in order (an environment that
     *     must rebuild the state on a fresh process replays them)
     */
    TacticOutcome apply(Theorem theorem, ProofState state, java.util.List<String> proofBefore, String tactic);
}
