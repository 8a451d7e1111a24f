package dev.stepwise.search;

/** One tactic tried at one state and where it led. Immutable. */
final class Edge {
    final InternalNode source;
    final Node target;
    final String tactic;
    final double logProbSum;
    final int tokenCount;
    /** Microseconds in an int (35 minutes at most) keep the edge small; the environment bounds each tactic far below. */
    final int environmentMicros;

    Edge(InternalNode source, Node target, Candidate candidate, long environmentNanos) {
        this.source = source;
        this.target = target;
        this.tactic = candidate.tactic();
        this.logProbSum = candidate.logProbSum();
        this.tokenCount = candidate.tokenCount();
        this.environmentMicros = (int) Math.min(Integer.MAX_VALUE, environmentNanos / 1000);
    }

    EdgeKind kind() {
        return switch (target) {
            case InternalNode n -> EdgeKind.PROGRESS;
            case TerminalNode t -> t.kind;
        };
    }
}
