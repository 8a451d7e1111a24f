package dev.stepwise.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live DAG of one search attempt: one node per goal key, edges with their outcomes, and the
 * status and distance bookkeeping. Status and distance are recomputed only upward from the node
 * whose edges changed. Not thread-safe: one search owns it.
 */
final class SearchTree {
    private final ArrayList<InternalNode> nodes = new ArrayList<>();
    private final NodeIndex index = new NodeIndex(nodes);
    private int maxDepth;
    private int edgeCount;

    InternalNode root() {
        return nodes.get(0);
    }

    int size() {
        return nodes.size();
    }

    int maxDepth() {
        return maxDepth;
    }

    InternalNode node(int id) {
        return nodes.get(id);
    }

    InternalNode find(String key) {
        return index.get(key);
    }

    /** Adds a state not seen before; the caller links it with an edge (none for the root). */
    InternalNode add(String key, ProofState state, int depth) {
        if (nodes.isEmpty() != (depth == 0)) {
            throw new IllegalStateException("only the first node is the root at depth 0");
        }
        InternalNode n = new InternalNode(nodes.size(), key, state, depth);
        nodes.add(n);
        index.add(n);
        maxDepth = Math.max(maxDepth, depth);
        return n;
    }

    /** Sets the node's edges (once) and brings statuses up to date above it. */
    void expand(InternalNode node, Edge[] edges) {
        node.expand(edges);
        edgeCount += edges.length;
        if (!refresh(node)) {
            return;
        }
        ArrayDeque<InternalNode> work = new ArrayDeque<>();
        addParents(node, work);
        while (!work.isEmpty()) {
            InternalNode n = work.poll();
            if (n.expanded() && refresh(n)) {
                addParents(n, work);
            }
        }
    }

    private static void addParents(InternalNode n, ArrayDeque<InternalNode> work) {
        for (int i = 0, k = n.inCount(); i < k; i++) {
            work.add(n.in(i).source);
        }
    }

    /** Recomputes an expanded node's status and distance from its edges; true when either changed. */
    private static boolean refresh(InternalNode n) {
        Status status = computedStatus(n);
        int distance = computedDistance(n);
        Status was = n.status();
        int wasDistance = n.distanceToProof();
        if (status == was && distance == wasDistance) {
            return false;
        }
        if (was != Status.OPEN && status != was) {
            throw new IllegalStateException("node " + n.id + " would go from " + was + " to " + status);
        }
        if (distance > wasDistance) {
            throw new IllegalStateException("distance of node " + n.id + " would grow from " + wasDistance + " to " + distance);
        }
        n.settle(status, distance);
        return true;
    }

    private static Status computedStatus(InternalNode n) {
        boolean open = false;
        for (Edge e : n.out) {
            switch (e.target().status()) {
                case PROVED -> {
                    return Status.PROVED;
                }
                case OPEN -> open = true;
                case FAILED -> { }
            }
        }
        return open ? Status.OPEN : Status.FAILED;
    }

    private static int computedDistance(InternalNode n) {
        int best = Node.UNPROVED;
        for (Edge e : n.out) {
            int d = e.target().distanceToProof();
            if (d != Node.UNPROVED) {
                best = Math.min(best, d + 1);
            }
        }
        return best;
    }

    /**
     * Whether {@code to} can be reached from {@code from} along edges (a node reaches itself).
     * Searched upward from {@code to} over in-edges: a state's ancestors are few (about its depth),
     * while the descendants of an expanded state can be most of the tree.
     */
    boolean reaches(InternalNode from, InternalNode to) {
        if (from == to) {
            return true;
        }
        if (!from.expanded()) {
            return false;
        }
        Set<InternalNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<InternalNode> work = new ArrayDeque<>();
        work.add(to);
        seen.add(to);
        while (!work.isEmpty()) {
            InternalNode n = work.poll();
            for (int i = 0, k = n.inCount(); i < k; i++) {
                InternalNode parent = n.in(i).source;
                if (parent == from) {
                    return true;
                }
                if (seen.add(parent)) {
                    work.add(parent);
                }
            }
        }
        return false;
    }

    /** A shortest path of edges from the root to {@code node} (breadth-first over in-edges). */
    List<Edge> shortestPathTo(InternalNode node) {
        Map<InternalNode, Edge> via = new IdentityHashMap<>();
        ArrayDeque<InternalNode> work = new ArrayDeque<>();
        work.add(node);
        via.put(node, null);
        InternalNode root = root();
        while (!work.isEmpty() && !via.containsKey(root)) {
            InternalNode n = work.poll();
            for (int i = 0, k = n.inCount(); i < k; i++) {
                Edge e = n.in(i);
                if (!via.containsKey(e.source)) {
                    via.put(e.source, e);
                    work.add(e.source);
                }
            }
        }
        if (!via.containsKey(root)) {
            throw new IllegalStateException("node " + node.id + " is not reachable from the root");
        }
        List<Edge> path = new ArrayList<>();
        for (Edge e = via.get(root); e != null; e = via.get(e.state)) {
            path.add(e);
        }
        return path;
    }

    /** The proof read off distances from the root; empty when the root is not proved. */
    List<Edge> shortestProof() {
        List<Edge> path = new ArrayList<>();
        if (nodes.isEmpty() || root().status() != Status.PROVED) {
            return path;
        }
        InternalNode at = root();
        while (true) {
            Edge next = null;
            for (Edge e : at.out) {
                if (e.target().distanceToProof() == at.distanceToProof() - 1) {
                    next = e;
                    break;
                }
            }
            if (next == null) {
                throw new IllegalStateException("node " + at.id + " is proved but no edge continues its proof");
            }
            path.add(next);
            if (next.state == null) {
                return path;
            }
            at = next.state;
        }
    }

    RecordedTree record(ScoreMode scoreMode, ExpansionLog expansions) {
        return new RecordedTree(new NodeColumns(nodes, expansions), new EdgeColumns(nodes, edgeCount, scoreMode));
    }

    /**
     * Re-verifies the whole tree and throws {@link IllegalStateException} naming the first broken
     * invariant. Tests and simulator runs call it after every step; it never changes anything.
     *
     * @param frontier the open nodes waiting for expansion
     */
    void checkInvariants(Collection<InternalNode> frontier, SearchConfig config) {
        if (nodes.size() != index.size()) {
            fail("index holds " + index.size() + " nodes, tree " + nodes.size());
        }
        int deepest = 0;
        for (int i = 0; i < nodes.size(); i++) {
            InternalNode n = nodes.get(i);
            if (n.id != i) {
                fail("node at " + i + " has id " + n.id);
            }
            if (index.get(n.key) != n) {
                fail("node " + i + " is not found by its key");
            }
            if (!n.key.equals(GoalKey.of(n.goals).text())) {
                fail("node " + i + " has a key that is not its normalised goals");
            }
            deepest = Math.max(deepest, n.depth);
            checkLinks(n, config);
            checkStatus(n);
        }
        if (deepest != maxDepth) {
            fail("maxDepth " + maxDepth + " but deepest node is at " + deepest);
        }
        checkAcyclic();
        checkFrontier(frontier);
    }

    private void checkLinks(InternalNode n, SearchConfig config) {
        if (n.id == 0) {
            if (n.firstIn != null || n.depth != 0) {
                fail("root has an in-edge or a depth");
            }
        } else {
            if (n.firstIn == null) {
                fail("node " + n.id + " has no in-edge");
            }
            InternalNode parent = n.firstIn.source;
            if (n.depth != parent.depth + 1) {
                fail("node " + n.id + " at depth " + n.depth + " under a node at depth " + parent.depth);
            }
            double pathScore = pathScore(n, config.scoreMode());
            if (config.criticMode() == CriticMode.POLICY_ONLY && n.priority != config.priority(pathScore, n.depth)) {
                fail("node " + n.id + " priority " + n.priority + " is not its path score over depth^alpha");
            }
        }
        for (int i = 0, k = n.inCount(); i < k; i++) {
            Edge e = n.in(i);
            if (e.state != n) {
                fail("in-edge of node " + n.id + " points elsewhere");
            }
            if (e.source.out == null || !containsIdentity(e.source.out, e)) {
                fail("in-edge of node " + n.id + " is not an out-edge of node " + e.source.id);
            }
        }
        if (n.out != null) {
            for (Edge e : n.out) {
                if (e.source != n) {
                    fail("out-edge of node " + n.id + " has source " + e.source.id);
                }
                if (e.state != null && !hasIn(e.state, e)) {
                    fail("edge " + n.id + " -> " + e.state.id + " is missing from the target's in-edges");
                }
            }
        }
    }

    /** The summed tactic scores along first in-edges, added from the root down as the search adds them. */
    static double pathScore(InternalNode n, ScoreMode mode) {
        Edge[] path = new Edge[n.depth];
        for (InternalNode at = n; at.firstIn != null; at = at.firstIn.source) {
            path[at.depth - 1] = at.firstIn;
        }
        double sum = 0.0;
        for (Edge e : path) {
            sum += mode.score(e.logProbSum, e.tokenCount);
        }
        return sum;
    }

    private static boolean hasIn(InternalNode t, Edge e) {
        for (int i = 0, k = t.inCount(); i < k; i++) {
            if (t.in(i) == e) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsIdentity(Edge[] edges, Edge e) {
        for (Edge x : edges) {
            if (x == e) {
                return true;
            }
        }
        return false;
    }

    private static void checkStatus(InternalNode n) {
        if (n.out == null) {
            if (n.status() != Status.OPEN || n.distanceToProof() != Node.UNPROVED) {
                fail("unexpanded node " + n.id + " is " + n.status());
            }
            return;
        }
        if (computedStatus(n) != n.status()) {
            fail("node " + n.id + " is " + n.status() + " but its edges say " + computedStatus(n));
        }
        if (computedDistance(n) != n.distanceToProof()) {
            fail("node " + n.id + " distance " + n.distanceToProof() + " but its edges say " + computedDistance(n));
        }
    }

    private void checkAcyclic() {
        Map<InternalNode, Integer> pending = new HashMap<>();
        for (InternalNode n : nodes) {
            pending.put(n, n.inCount());
        }
        ArrayDeque<InternalNode> ready = new ArrayDeque<>();
        for (InternalNode n : nodes) {
            if (n.inCount() == 0) {
                ready.add(n);
            }
        }
        int visited = 0;
        while (!ready.isEmpty()) {
            InternalNode n = ready.poll();
            visited++;
            if (n.out == null) {
                continue;
            }
            for (Edge e : n.out) {
                if (e.state != null && pending.merge(e.state, -1, Integer::sum) == 0) {
                    ready.add(e.state);
                }
            }
        }
        if (visited != nodes.size()) {
            fail("the tree has a cycle through " + (nodes.size() - visited) + " nodes");
        }
    }

    private void checkFrontier(Collection<InternalNode> frontier) {
        Set<InternalNode> seen = new HashSet<>();
        for (InternalNode n : frontier) {
            if (!seen.add(n)) {
                fail("node " + n.id + " is in the frontier twice");
            }
            if (n.expanded()) {
                fail("expanded node " + n.id + " is in the frontier");
            }
        }
        for (InternalNode n : nodes) {
            if (!n.expanded() && !seen.contains(n)) {
                fail("unexpanded node " + n.id + " is missing from the frontier");
            }
        }
    }

    private static void fail(String message) {
        throw new IllegalStateException("search tree invariant broken: " + message);
    }
}
