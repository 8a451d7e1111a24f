package dev.stepwise.search;

import java.util.Arrays;

/**
 * Which node each expansion expanded and how long the policy took for it, in expansion order: two
 * ints per expansion instead of two in every node, since most nodes of a big tree are never
 * expanded. Not thread-safe: one search owns it.
 */
final class ExpansionLog {
    private static final int NONE = -1;

    private int[] nodes = new int[64];
    private int[] policyMicros = new int[64];
    private int size;
    /** The node whose policy call ended the attempt before its expansion, or {@link #NONE}. */
    private int unexpandedNode = NONE;
    private int unexpandedMicros;

    /** Records the next expansion, of {@code node}; expansions are numbered from 0 in call order. */
    void expanded(int node, long policyNanos) {
        if (size == nodes.length) {
            nodes = Arrays.copyOf(nodes, size * 2);
            policyMicros = Arrays.copyOf(policyMicros, size * 2);
        }
        nodes[size] = node;
        policyMicros[size] = micros(policyNanos);
        size++;
    }

    /** Records the policy call for {@code node} that ended the attempt, so the node was never expanded. */
    void policyWithoutExpansion(int node, long policyNanos) {
        unexpandedNode = node;
        unexpandedMicros = micros(policyNanos);
    }

    int size() {
        return size;
    }

    /** Each node's expansion number, {@link NodeRecord#NOT_EXPANDED} for the others. */
    int[] ordersByNode(int nodeCount) {
        int[] order = new int[nodeCount];
        Arrays.fill(order, NodeRecord.NOT_EXPANDED);
        for (int e = 0; e < size; e++) {
            order[nodes[e]] = e;
        }
        return order;
    }

    /** How long the policy took for each node (0 for a node it was never asked about). */
    int[] policyMicrosByNode(int nodeCount) {
        int[] micros = new int[nodeCount];
        for (int e = 0; e < size; e++) {
            micros[nodes[e]] = policyMicros[e];
        }
        if (unexpandedNode != NONE) {
            micros[unexpandedNode] = unexpandedMicros;
        }
        return micros;
    }

    private static int micros(long nanos) {
        return (int) Math.min(Integer.MAX_VALUE, nanos / 1000);
    }
}
