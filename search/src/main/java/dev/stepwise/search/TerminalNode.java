package dev.stepwise.search;

/**
 * An edge that leads to no state (a proof, an error, a timeout, ...) together with that end: the
 * end is the edge itself, so it needs no object of its own. Its status never changes.
 */
final class TerminalNode extends Edge implements Node {
    final EdgeKind kind;
    final String message;

    TerminalNode(InternalNode source, Candidate candidate, long environmentNanos, EdgeKind kind, String message) {
        super(source, null, candidate, environmentNanos);
        if (kind == EdgeKind.PROGRESS) {
            throw new IllegalArgumentException("a PROGRESS edge leads to a state node, not a terminal one");
        }
        this.kind = kind;
        this.message = message;
    }

    @Override
    public Status status() {
        return kind.terminalStatus();
    }

    @Override
    public int distanceToProof() {
        return kind == EdgeKind.PROOF_COMPLETE ? 0 : UNPROVED;
    }
}
