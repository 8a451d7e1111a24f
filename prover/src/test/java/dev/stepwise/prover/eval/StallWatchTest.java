package dev.stepwise.prover.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.prover.run.WaitingOn;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run quiet for long enough says once what it waits for, and again only every ten seconds while the quiet goes on. */
class StallWatchTest {
    private Instant now = Instant.parse("2026-12-03T12:00:00Z");
    private final InstantSource clock = () -> now;
    private final List<String> told = new ArrayList<>();
    private final RunObserver observer = new RunObserver() {
        @Override
        public void waiting(String what) {
            told.add(what);
        }
    };

    private void pass(long millis) {
        now = now.plusMillis(millis);
    }

    @Test
    void toldOncePerQuietSpellAndAgainWhenItGoesOn() {
        StallWatch watch = new StallWatch(clock, Duration.ofSeconds(10),
                () -> new WaitingOn(now, List.of(), 2, 2, 0, Duration.ofMinutes(1)), observer);
        pass(9_999);
        watch.check();
        assertEquals(List.of(), told, "quiet for less than 10 s");
        pass(1);
        watch.check();
        assertEquals(List.of("nothing out to Lean or the model server"), told);
        pass(9_999);
        watch.check();
        assertEquals(1, told.size(), "told once for this spell");
        pass(1);
        watch.check();
        assertEquals(2, told.size(), "the spell went on for REPEAT_EVERY");
        watch.activity();
        pass(9_000);
        watch.check();
        assertEquals(2, told.size(), "progress started a new spell");
        pass(1_000);
        watch.check();
        assertEquals(3, told.size());
    }

    @Test
    void aShortQuietIsToldSoonButRepeatedOnlyEveryTenSeconds() {
        StallWatch watch = new StallWatch(clock, Duration.ofSeconds(1),
                () -> new WaitingOn(now, List.of(), 2, 2, 0, Duration.ofSeconds(2)), observer);
        for (int i = 0; i < 110; i++) {
            pass(100);
            watch.check();
        }
        assertEquals(2, told.size(), "told at 1 s and at 11 s of an 11 s spell");
    }

    @Test
    void theQuietAllowedIsHalfTheLeanDeadlineWithinOneToTenSeconds() {
        assertEquals(Duration.ofSeconds(10), StallWatch.quietFor(Duration.ofMinutes(1)));
        assertEquals(Duration.ofSeconds(3), StallWatch.quietFor(Duration.ofSeconds(6)));
        assertEquals(Duration.ofSeconds(1), StallWatch.quietFor(Duration.ofSeconds(2)));
        assertEquals(Duration.ofSeconds(1), StallWatch.quietFor(Duration.ofMillis(500)));
    }
}
