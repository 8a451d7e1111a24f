package dev.stepwise.prover.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostLoadTest {
    @Test
    void cpuTimesOfTheProcessAndItsChildrenFromTheStatLine() {
        // a command name with a space and a parenthesis; utime 250, stime 50, cutime 1000, cstime 200 ticks
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194304 1000 0 0 0 250 50 1000 200 20 0 40 0 123 0 0";
        assertEquals(new HostLoad.Cpu(Duration.ofSeconds(3), Duration.ofSeconds(12)), HostLoad.cpu(stat));
        assertEquals(Duration.ofSeconds(15), HostLoad.cpu(stat).total());
    }
}
