package dev.stepwise.lean;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Stepwise stand-in run as its own JVM, so a test can kill it with SIGKILL or give it an
 * environment: it starts one REPL through the product path ({@link ReplProcess#start} with the
 * machine's tools and its own environment) and reports on stdout.
 *
 * <p>{@code busy DIR}: the REPL is busy for good and never reads its stdin (as Lean deep in a
 * tactic); prints {@code pids P...} (the REPL's process tree) and waits to be killed.
 * {@code env DIR}: the REPL prints its environment to stderr and exits; prints the crash message.
 */
public final class ReplParent {
    /** Prints its environment to stderr, one variable a line, then dies as a crashing REPL does. */
    static final String DUMP_ENV = "read -r line; env >&2; exit 3";
    /** Never reads stdin, never ends on its own. */
    static final String BUSY = "while :; do sleep 1; done";

    private ReplParent() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "busy" -> busy(dir);
            case "env" -> env(dir);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void busy(Path dir) throws Exception {
        ReplProcess p = ReplProcess.start("repl-busy", ReplProcessConfig.of(List.of("bash", "-c", BUSY), dir),
                new ReplCodec(), HostTools.fromEnvironment(), InstantSource.system());
        // the tree is complete once bash has started its first sleep
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < 100 && !hasSleep(p); i++) {
            Thread.sleep(50);
        }
        pids.addAll(p.treePids());
        System.out.println("pids " + pids.stream().map(String::valueOf).collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(10));
    }

    private static boolean hasSleep(ReplProcess p) {
        return p.treePids().stream().anyMatch(pid -> ProcessHandle.of(pid)
                .flatMap(h -> h.info().command()).map(c -> c.endsWith("/sleep")).orElse(false));
    }

    private static void env(Path dir) throws IOException {
        try (ReplProcess p = ReplProcess.start("repl-env", ReplProcessConfig.of(List.of("bash", "-c", DUMP_ENV), dir),
                new ReplCodec(), HostTools.fromEnvironment(), InstantSource.system())) {
            p.send(ReplRequest.Command.fresh("import Mathlib"), Duration.ofSeconds(20));
            System.out.println("no crash");
        } catch (ReplCrashException e) {
            Files.writeString(dir.resolve("stderr-tail"), String.join("\n", e.stderrTail()));
            System.out.println(e.getMessage());
        }
    }
}
