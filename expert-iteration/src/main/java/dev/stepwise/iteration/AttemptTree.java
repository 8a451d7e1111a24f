package dev.stepwise.iteration;

import java.util.List;
import java.util.Objects;

/**
 * The recorded search of one attempt, as harvesting reads it: nodes (proof states, node 0 the
 * root) and every tactic tried, failed ones included. The application converts the search's (or
 * the store's) tree record into this shape, so this module never depends on how trees are stored.
 *
 * @param attempt the application's name for the attempt (provenance of the examples)
 */
public record AttemptTree(String attempt, Verdict verdict, List<Node> nodes, List<Edge> edges) {

    /** A proof state: its pretty-printed goals. */
    public record Node(String goals) {
        public Node {
            Objects.requireNonNull(goals, "goals");
        }
    }

    /**
     * A tactic applied to {@code parent}.
     *
     * @param child the resulting node, exactly when {@code kind} is {@link EdgeKind#PROGRESS}
     * @param errorText Lean's error (or the reason for another failure), null on success
     */
    public record Edge(int parent, String tactic, double logProbSum, int tokenCount, EdgeKind kind, String errorText,
            Integer child) {
        public Edge {
            Objects.requireNonNull(tactic, "tactic");
            Objects.requireNonNull(kind, "kind");
            if (parent < 0) {
                throw new IllegalArgumentException("edge parent must be >= 0, got " + parent);
            }
            if (tokenCount < 1) {
                throw new IllegalArgumentException("edge tokenCount must be >= 1, got " + tokenCount);
            }
            if ((kind == EdgeKind.PROGRESS) != (child != null)) {
                throw new IllegalArgumentException("edge '" + tactic + "' has a child exactly when it made progress; got "
                        + kind + " with child " + child);
            }
        }
    }

    public AttemptTree {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(verdict, "verdict");
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        for (Edge e : edges) {
            if (e.parent() >= nodes.size() || (e.child() != null && (e.child() < 0 || e.child() >= nodes.size()))) {
                throw new IllegalArgumentException("attempt " + attempt + ": edge '" + e.tactic() + "' refers to a node outside 0.."
                        + (nodes.size() - 1));
            }
        }
    }
}
