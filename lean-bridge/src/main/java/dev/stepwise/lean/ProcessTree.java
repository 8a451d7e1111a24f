package dev.stepwise.lean;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A process and everything it started. The parent guard forks the REPL, and bwrap forks too,
 * so killing the direct child alone would leave the REPL running: kills go to the whole tree and,
 * when the root leads its own process group, to the group (which also reaches children that
 * were re-parented away from the tree).
 */
final class ProcessTree {
    private final ProcessHandle root;
    private final boolean ownProcessGroup;
    private final HostTools tools;

    ProcessTree(ProcessHandle root, boolean ownProcessGroup, HostTools tools) {
        this.root = root;
        this.ownProcessGroup = ownProcessGroup;
        this.tools = tools;
    }

    long pid() {
        return root.pid();
    }

    /** The root and its live descendants, root first. */
    List<ProcessHandle> members() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    /** SIGKILL to the group and every member; waits up to {@code wait} for them to go. */
    void kill(Duration wait) {
        List<ProcessHandle> members = members();
        if (ownProcessGroup && root.isAlive()) {
            killGroup();
        }
        for (ProcessHandle p : members) {
            p.destroyForcibly();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (ProcessHandle p : members) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // reported by the caller through isAlive()
            }
        }
    }

    /** Whether any member is still alive. */
    boolean anyAlive() {
        return members().stream().anyMatch(ProcessHandle::isAlive);
    }

    private void killGroup() {
        Optional<Path> kill = tools.find("kill");
        if (kill.isEmpty()) {
            return;
        }
        try {
            Process p = new ProcessBuilder(kill.get().toString(), "-KILL", "--", "-" + root.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the per-process kills below still run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Resident memory of the whole tree, from /proc (0 where /proc is not readable). */
    long rssBytes() {
        long total = 0;
        for (ProcessHandle p : members()) {
            total += rssBytes(p.pid());
        }
        return total;
    }

    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // a process that just exited has no status file; it uses no memory
        }
        return 0;
    }
}
