package dev.stepwise.search;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The edges of a recorded search tree, grouped by source node in the order they were tried, held
 * as one array per field and handed out as {@link EdgeRecord}s made on each read (see
 * {@link NodeColumns} for why). A tactic's score is not stored: it follows from its log-prob sum
 * and token count under the search's {@link ScoreMode}. Immutable.
 */
final class EdgeColumns extends AbstractList<EdgeRecord> implements RandomAccess {
    private static final EdgeKind[] KINDS = EdgeKind.values();

    private final ScoreMode scoreMode;
    private final int[] sources;
    private final int[] targets;
    private final String[] tactics;
    /** Null where the tactic came without a thought, so trees of plain templates hold nothing here. */
    private final String[] thoughts;
    private final double[] logProbSums;
    private final int[] tokenCounts;
    private final byte[] kinds;
    private final String[] messages;
    private final int[] environmentMicros;

    /** @param edgeCount the number of out-edges of all the nodes together */
    EdgeColumns(List<InternalNode> nodes, int edgeCount, ScoreMode scoreMode) {
        this.scoreMode = scoreMode;
        int n = edgeCount;
        sources = new int[n];
        targets = new int[n];
        tactics = new String[n];
        thoughts = new String[n];
        logProbSums = new double[n];
        tokenCounts = new int[n];
        kinds = new byte[n];
        messages = new String[n];
        environmentMicros = new int[n];
        int i = 0;
        for (InternalNode node : nodes) {
            if (node.out == null) {
                continue;
            }
            for (Edge e : node.out) {
                sources[i] = node.id;
                targets[i] = e.state != null ? e.state.id : EdgeRecord.NO_NODE;
                tactics[i] = e.tactic;
                thoughts[i] = e.thought.isEmpty() ? null : e.thought;
                logProbSums[i] = e.logProbSum;
                tokenCounts[i] = e.tokenCount;
                kinds[i] = (byte) e.kind().ordinal();
                messages[i] = e instanceof TerminalNode t ? t.message : "";
                environmentMicros[i] = e.environmentMicros;
                i++;
            }
        }
        if (i != n) {
            throw new IllegalStateException("the nodes have " + i + " out-edges, not " + n);
        }
    }

    @Override
    public EdgeRecord get(int i) {
        return new EdgeRecord(sources[i], targets[i], tactics[i], logProbSums[i], tokenCounts[i],
                scoreMode.score(logProbSums[i], tokenCounts[i]), KINDS[kinds[i]], messages[i], environmentMicros[i],
                thoughts[i] == null ? "" : thoughts[i]);
    }

    @Override
    public int size() {
        return sources.length;
    }
}
