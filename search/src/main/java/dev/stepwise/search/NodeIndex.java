package dev.stepwise.search;

import java.util.List;

/**
 * The nodes of one tree by goal key: open addressing over primitive arrays, node ids in one and
 * an 8-bit tag of each key's hash in the other. A lookup walks the tags, which sit side by side in
 * memory, and reads a node (and its key text) only when a tag matches; a miss, the usual answer
 * for a new state, touches no node at all. Primitive arrays also cost the collector nothing to
 * scan and no write barrier, unlike an array of references that keeps gaining young nodes.
 */
final class NodeIndex {
    /** The tag of an empty slot; {@link #tag} never returns it. */
    private static final byte EMPTY = 0;

    private final List<InternalNode> nodes;
    private int[] ids = new int[64];
    private byte[] tags = new byte[64];
    private int size;

    /** @param nodes the tree's nodes by id, which the ids in this index refer to */
    NodeIndex(List<InternalNode> nodes) {
        this.nodes = nodes;
    }

    InternalNode get(String key) {
        int h = key.hashCode();
        int x = spread(h);
        byte tag = tag(x);
        int mask = ids.length - 1;
        for (int i = x & mask; ; i = (i + 1) & mask) {
            byte t = tags[i];
            if (t == EMPTY) {
                return null;
            }
            if (t == tag) {
                InternalNode n = nodes.get(ids[i]);
                if (n.keyHash == h && n.key.equals(key)) {
                    return n;
                }
            }
        }
    }

    /** Adds a node whose key is not in the index yet; nodes come in id order, 0 first. */
    void add(InternalNode node) {
        if (node.id != size) {
            throw new IllegalStateException("node " + node.id + " added to an index of " + size + " nodes");
        }
        if ((size + 1) * 4L > ids.length * 3L) {
            grow();
        }
        insert(ids, tags, node.id, spread(node.keyHash));
        size++;
    }

    int size() {
        return size;
    }

    /** Rehashes in id order: the node list is read in sequence and only the node objects, not their key texts. */
    private void grow() {
        int[] biggerIds = new int[ids.length * 2];
        byte[] biggerTags = new byte[ids.length * 2];
        for (int id = 0; id < size; id++) {
            insert(biggerIds, biggerTags, id, spread(nodes.get(id).keyHash));
        }
        ids = biggerIds;
        tags = biggerTags;
    }

    private static void insert(int[] ids, byte[] tags, int id, int spreadHash) {
        int mask = ids.length - 1;
        int i = spreadHash & mask;
        while (tags[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        ids[i] = id;
        tags[i] = tag(spreadHash);
    }

    /** String hashes of similar texts differ in low bits only weakly; mixing keeps probe runs short. */
    private static int spread(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }

    /** The top byte of the mixed hash (the slot comes from the low bits), never {@link #EMPTY}. */
    private static byte tag(int spreadHash) {
        byte t = (byte) (spreadHash >>> 24);
        return t == EMPTY ? 1 : t;
    }
}
