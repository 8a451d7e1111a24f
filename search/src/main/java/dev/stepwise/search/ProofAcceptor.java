package dev.stepwise.search;

/**
 * Decides whether a proof the search found counts (the application wires its acceptance gate
 * here: full re-elaboration, axiom audit). Called from the search's virtual thread, so it may
 * block. It is asked before the closing tactic is recorded as a proof: on
 * {@link AcceptanceVerdict.Rejected} that tactic becomes a failed edge of kind
 * {@link EdgeKind#PROOF_REJECTED} and the search goes on with the rest of its budget.
 */
@FunctionalInterface
public interface ProofAcceptor {

    AcceptanceVerdict check(Theorem theorem, Proof proof);

    /** Accepts every proof: for callers that check proofs later themselves. */
    ProofAcceptor ACCEPT_ALL = (theorem, proof) -> AcceptanceVerdict.ACCEPTED;
}
