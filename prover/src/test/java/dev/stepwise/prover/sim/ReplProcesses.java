package dev.stepwise.prover.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Starts simulated REPL processes the way the product does and makes sure none outlives a test. */
final class ReplProcesses {
    private ReplProcesses() {
    }

    static Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process and everything it started, and waits for them. */
    static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
