package dev.stepwise.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrontierTest {

    /** The order the search promises: best priority first, then the older (smaller id) node. */
    private static Comparator<Integer> reference(double[] priorities) {
        return (a, b) -> {
            int c = Double.compare(priorities[b], priorities[a]);
            return c != 0 ? c : Integer.compare(a, b);
        };
    }

    @Test
    void pollsInTheSameOrderAsAPriorityQueueEvenWhenPrioritiesDifferBelowFloatPrecision() {
        Random random = new Random(7);
        int n = 5_000;
        double[] priorities = new double[n];
        for (int i = 0; i < n; i++) {
            priorities[i] = switch (i % 4) {
                case 0 -> -random.nextDouble() * 40; // spread out
                case 1 -> -3.0 - random.nextInt(5) * 1e-12; // equal as floats, not as doubles
                case 2 -> -(random.nextInt(8) / 4.0); // exact ties, decided by id
                default -> random.nextInt(50) == 0 ? Double.NEGATIVE_INFINITY : -0.0;
            };
        }
        Frontier frontier = new Frontier(id -> priorities[id]);
        PriorityQueue<Integer> expected = new PriorityQueue<>(reference(priorities));
        List<Integer> got = new ArrayList<>();
        List<Integer> want = new ArrayList<>();
        // Interleave adds and polls, as a search does.
        for (int i = 0; i < n; i++) {
            frontier.add(i);
            expected.add(i);
            if (i % 3 == 2) {
                got.add(frontier.poll());
                want.add(expected.poll());
            }
        }
        assertEquals(expected.size(), frontier.size());
        while (!expected.isEmpty()) {
            got.add(frontier.poll());
            want.add(expected.poll());
        }
        assertEquals(want, got);
        assertTrue(frontier.isEmpty());
    }

    @Test
    void pollingAnEmptyFrontierThrows() {
        Frontier frontier = new Frontier(id -> 0.0);
        frontier.add(3);
        assertEquals(3, frontier.poll());
        IllegalStateException e = assertThrows(IllegalStateException.class, frontier::poll);
        assertEquals("the frontier is empty", e.getMessage());
    }
}
