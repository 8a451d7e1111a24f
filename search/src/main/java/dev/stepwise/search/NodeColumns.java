package dev.stepwise.search;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The nodes of a recorded search tree, held as one array per field and handed out as
 * {@link NodeRecord}s made on each read. A finished search of a million nodes keeps a few dozen
 * arrays instead of a million records: less than half the memory, and a handful of objects for
 * the collector to copy and trace while results wait to be stored instead of millions. Immutable.
 */
final class NodeColumns extends AbstractList<NodeRecord> implements RandomAccess {
    private static final Status[] STATUSES = Status.values();

    private final String[] goals;
    private final int[] goalCounts;
    private final byte[] statuses;
    private final int[] depths;
    private final double[] priorities;
    private final int[] distances;
    private final int[] expansionOrders;
    private final int[] policyMicros;

    NodeColumns(List<InternalNode> nodes, ExpansionLog expansions) {
        int n = nodes.size();
        goals = new String[n];
        goalCounts = new int[n];
        statuses = new byte[n];
        depths = new int[n];
        priorities = new double[n];
        distances = new int[n];
        expansionOrders = expansions.ordersByNode(n);
        policyMicros = expansions.policyMicrosByNode(n);
        for (int i = 0; i < n; i++) {
            InternalNode node = nodes.get(i);
            goals[i] = node.goals;
            goalCounts[i] = node.goalCount;
            statuses[i] = (byte) node.status().ordinal();
            depths[i] = node.depth;
            priorities[i] = node.priority;
            int distance = node.distanceToProof();
            distances[i] = distance == Node.UNPROVED ? NodeRecord.UNPROVED : distance;
        }
    }

    @Override
    public NodeRecord get(int i) {
        return new NodeRecord(i, goals[i], goalCounts[i], STATUSES[statuses[i]], depths[i], priorities[i], distances[i],
                expansionOrders[i], policyMicros[i]);
    }

    @Override
    public int size() {
        return goals.length;
    }
}
