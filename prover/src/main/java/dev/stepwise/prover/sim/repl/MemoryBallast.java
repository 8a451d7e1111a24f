package dev.stepwise.prover.sim.repl;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory the simulated REPL keeps, as the real one keeps every environment and proof state. It
 * is off-heap and every page is written, so the process's resident set really grows and
 * RSS-based recycling in the client is exercised.
 */
final class MemoryBallast {
    private static final int PAGE = 4096;
    private final List<ByteBuffer> held = new ArrayList<>();
    private long total;

    /** Allocates and touches {@code bytes} more; an exhausted limit raises {@link OutOfMemoryError}. */
    void grow(long bytes) {
        long left = bytes;
        while (left > 0) {
            int chunk = (int) Math.min(left, 64L << 20);
            ByteBuffer b = ByteBuffer.allocateDirect(chunk);
            for (int i = 0; i < chunk; i += PAGE) {
                b.put(i, (byte) 1);
            }
            held.add(b);
            total += chunk;
            left -= chunk;
        }
    }

    long total() {
        return total;
    }
}
