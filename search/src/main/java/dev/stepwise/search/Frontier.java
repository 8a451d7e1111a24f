package dev.stepwise.search;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * The open nodes of one search, best priority first and, at equal priority, the older (smaller
 * id) node first, so runs are deterministic. A binary heap of node ids with their priorities
 * rounded to float in a parallel array: ordering reads no node object, the arrays hold no
 * references for the collector to trace or to track, and an entry costs 8 bytes. Rounding to
 * float never reverses an order, only merges close values; when two rounded priorities are equal,
 * the exact ones decide.
 */
final class Frontier {
    private final IntToDoubleFunction exactPriority;
    private int[] ids = new int[64];
    private float[] keys = new float[64];
    private int size;

    /** @param exactPriority the priority of a node by id, which must not change while it is queued */
    Frontier(IntToDoubleFunction exactPriority) {
        this.exactPriority = exactPriority;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Queues a node; the caller queues each node at most once at a time. */
    void add(int id) {
        if (size == ids.length) {
            int capacity = ids.length + (ids.length >> 1);
            ids = Arrays.copyOf(ids, capacity);
            keys = Arrays.copyOf(keys, capacity);
        }
        float key = (float) exactPriority.applyAsDouble(id);
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(key, id, keys[parent], ids[parent])) {
                break;
            }
            ids[i] = ids[parent];
            keys[i] = keys[parent];
            i = parent;
        }
        ids[i] = id;
        keys[i] = key;
    }

    /** Removes and returns the id of the best node; the frontier must not be empty. */
    int poll() {
        if (size == 0) {
            throw new IllegalStateException("the frontier is empty");
        }
        int best = ids[0];
        int last = --size;
        int id = ids[last];
        float key = keys[last];
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < last && before(keys[right], ids[right], keys[child], ids[child])) {
                child = right;
            }
            if (!before(keys[child], ids[child], key, id)) {
                break;
            }
            ids[i] = ids[child];
            keys[i] = keys[child];
            i = child;
        }
        if (last > 0) {
            ids[i] = id;
            keys[i] = key;
        }
        return best;
    }

    /** The queued ids, in no particular order. */
    int[] ids() {
        return Arrays.copyOf(ids, size);
    }

    /** Whether node a comes out before node b: higher priority, then smaller id. */
    private boolean before(float keyA, int a, float keyB, int b) {
        int c = Float.compare(keyA, keyB);
        if (c == 0) {
            c = Double.compare(exactPriority.applyAsDouble(a), exactPriority.applyAsDouble(b));
        }
        return c > 0 || c == 0 && a < b;
    }
}
