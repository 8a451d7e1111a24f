package dev.stepwise.search;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * The open nodes of one search, best priority first and, at equal priority, the older (smaller
 * id) node first, so runs are deterministic.
 *
 * <p>A 4-ary heap of longs, each a node's priority rounded to float in the high half (bits
 * arranged so that a smaller long is a better node) and its id in the low half. A frontier of a
 * million nodes is far bigger than the caches, so a poll costs about one cache miss per level of
 * the heap: four children in one long[] share a cache line, and a 4-ary heap has half the levels
 * of a binary one. Ordering reads no node object, and the array holds no references for the
 * collector to trace. Rounding to float never reverses an order, only merges close values; when
 * two rounded priorities are equal, the exact ones decide.
 */
final class Frontier {
    private static final int ARITY = 4;

    private final IntToDoubleFunction exactPriority;
    private long[] heap = new long[64];
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
        if (id < 0) {
            throw new IllegalArgumentException("node ids are >= 0, got " + id);
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, heap.length + (heap.length >> 1));
        }
        long entry = entry((float) exactPriority.applyAsDouble(id), id);
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            if (!before(entry, heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = entry;
    }

    /** Removes and returns the id of the best node; the frontier must not be empty. */
    int poll() {
        if (size == 0) {
            throw new IllegalStateException("the frontier is empty");
        }
        int best = id(heap[0]);
        int last = --size;
        long entry = heap[last];
        int i = 0;
        while (true) {
            int first = ARITY * i + 1;
            if (first >= last) {
                break;
            }
            int child = first;
            int end = Math.min(first + ARITY, last);
            for (int c = first + 1; c < end; c++) {
                if (before(heap[c], heap[child])) {
                    child = c;
                }
            }
            if (!before(heap[child], entry)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = entry;
        return best;
    }

    /** The queued ids, in no particular order. */
    int[] ids() {
        int[] ids = new int[size];
        for (int i = 0; i < size; i++) {
            ids[i] = id(heap[i]);
        }
        return ids;
    }

    /**
     * The heap entry of a node: the float's bits made to sort as signed ints in the order of
     * {@link Float#compare}, inverted so that a higher priority is a smaller number, above the id.
     */
    private static long entry(float priority, int id) {
        int bits = Float.floatToIntBits(priority);
        int ordered = bits ^ ((bits >> 31) & 0x7FFFFFFF);
        return ((long) ~ordered << 32) | id;
    }

    private static int id(long entry) {
        return (int) entry;
    }

    /** Whether entry a comes out before entry b: higher priority, then smaller id. */
    private boolean before(long a, long b) {
        if ((a >>> 32) == (b >>> 32)) {
            int c = Double.compare(exactPriority.applyAsDouble(id(b)), exactPriority.applyAsDouble(id(a)));
            if (c != 0) {
                return c < 0;
            }
        }
        return a < b;
    }
}
