package dev.stepwise.prover.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How much CPU this JVM and its finished child processes have used, and how busy the machine is,
 * read from Linux's /proc. A benchmark whose wall time depends on the host prints these beside its
 * figure, so a reader can tell a slow scheduler from a machine that had no CPU to spare.
 */
final class HostLoad {
    /** Linux reports process times in USER_HZ ticks, 100 a second on every architecture it runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private HostLoad() {
    }

    /** CPU time of this process, and of its child processes that have ended. */
    record Cpu(Duration self, Duration children) {
        Duration total() {
            return self.plus(children);
        }

        Cpu since(Cpu earlier) {
            return new Cpu(self.minus(earlier.self), children.minus(earlier.children));
        }
    }

    /** This process's CPU time so far, or empty without /proc. */
    static Optional<Cpu> cpu() {
        try {
            return Optional.of(cpu(Files.readString(Path.of("/proc/self/stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The user and system times of a process and of its waited-for children, from its /proc stat line. */
    static Cpu cpu(String stat) {
        // the command name in parentheses may hold spaces and parentheses: fields are counted after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        // fields 14 to 17: utime, stime, cutime, cstime
        return new Cpu(ticks(f[11], f[12]), ticks(f[13], f[14]));
    }

    private static Duration ticks(String user, String system) {
        return Duration.ofMillis((Long.parseLong(user) + Long.parseLong(system)) * 1000 / TICKS_PER_SECOND);
    }

    /** The one-minute load average, or empty without /proc. */
    static Optional<Double> loadAverage() {
        try {
            return Optional.of(Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split(" +")[0]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
