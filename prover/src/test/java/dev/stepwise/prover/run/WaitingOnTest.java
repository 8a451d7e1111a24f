package dev.stepwise.prover.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.prover.run.WaitingOn.Call;
import dev.stepwise.prover.run.WaitingOn.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one line a run that makes no progress prints about what it waits for. */
class WaitingOnTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static Call call(Kind kind, String theorem, long secondsAgo) {
        return new Call(kind, theorem, NOW.minusSeconds(secondsAgo));
    }

    @Test
    void twoProcessesOnLongTacticsNameTheOldestTimeTheDeadlineAndTheTheorems() {
        WaitingOn w = new WaitingOn(NOW, List.of(call(Kind.TACTIC, "p23", 38), call(Kind.TACTIC, "p17", 41)), 2, 0, 0, MINUTE);
        assertEquals("2 tactics running 41 s (deadline 60 s per try) on p17, p23", w.describe());
    }

    @Test
    void callsBeyondTheBusyProcessesWaitForOneAndRestartsAndModelRequestsAreSaid() {
        WaitingOn w = new WaitingOn(NOW, List.of(call(Kind.TACTIC, "p1", 3), call(Kind.STATEMENT, "p2", 1),
                call(Kind.TACTIC, "p3", 1), call(Kind.MODEL, "p4", 12), call(Kind.MODEL, "p5", 2)), 2, 1, 1,
                Duration.ofSeconds(2));
        assertEquals("1 tactic running 3.0 s (deadline 2.0 s per try) on p1; 2 more Lean calls waiting for a process (1 of 2 busy);"
                + " 1 Lean process starting or restarting; 2 model requests unanswered for up to 12 s by the model server on p4, p5",
                w.describe());
    }

    @Test
    void aPoolWithNoProcessUpHasEveryLeanCallWaiting() {
        WaitingOn w = new WaitingOn(NOW, List.of(call(Kind.STATEMENT, "p1", 20)), 0, 0, 2, MINUTE);
        assertEquals("1 more Lean call waiting for a process (none is up); 2 Lean processes starting or restarting",
                w.describe());
    }

    @Test
    void manyTheoremsAreCutToFourAndNothingInFlightIsSaid() {
        WaitingOn many = new WaitingOn(NOW, List.of(call(Kind.MODEL, "a", 6), call(Kind.MODEL, "b", 5), call(Kind.MODEL, "c", 4),
                call(Kind.MODEL, "d", 3), call(Kind.MODEL, "e", 2), call(Kind.MODEL, "a", 1)), 2, 2, 0, MINUTE);
        assertEquals("6 model requests unanswered for up to 6.0 s by the model server on a, b, c, d and 1 more", many.describe());
        assertEquals("nothing out to Lean or the model server", new WaitingOn(NOW, List.of(), 2, 2, 0, MINUTE).describe());
    }
}
