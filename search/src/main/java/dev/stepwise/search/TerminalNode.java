package dev.stepwise.search;

/** The end of an edge that leads to no state. Its status never changes. */
final class TerminalNode implements Node {
    final EdgeKind kind;
    final String message;

    TerminalNode(EdgeKind kind, String message) {
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
