package dev.stepwise.search;

/**
 * The nodes of one tree by goal key. Open addressing over a plain array: a HashMap would cost
 * about 40 bytes per node in entries, more than a node's own edges.
 */
final class NodeIndex {
    private InternalNode[] table = new InternalNode[64];
    private int size;

    InternalNode get(String key) {
        int h = key.hashCode();
        int mask = table.length - 1;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            InternalNode n = table[i];
            if (n == null) {
                return null;
            }
            if (n.key.hashCode() == h && n.key.equals(key)) {
                return n;
            }
        }
    }

    /** Adds a node whose key is not in the index yet. */
    void add(InternalNode node) {
        if ((size + 1) * 4L > table.length * 3L) {
            grow();
        }
        insert(table, node);
        size++;
    }

    int size() {
        return size;
    }

    private void grow() {
        InternalNode[] bigger = new InternalNode[table.length * 2];
        for (InternalNode n : table) {
            if (n != null) {
                insert(bigger, n);
            }
        }
        table = bigger;
    }

    private static void insert(InternalNode[] t, InternalNode node) {
        int mask = t.length - 1;
        int i = spread(node.key.hashCode()) & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = node;
    }

    /** String hashes of similar texts differ in low bits only weakly; mixing keeps probe runs short. */
    private static int spread(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }
}
