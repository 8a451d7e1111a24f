package dev.stepwise.lean;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One running REPL process. Requests go one at a time (the REPL has no concurrency inside a
 * process), each with a wall-clock deadline; past it the whole process tree is killed. A dead
 * or misbehaving process surfaces as {@link ReplCrashException}; what Lean says, errors included,
 * comes back as a {@link ReplResponse} value.
 */
public final class ReplProcess implements AutoCloseable {
    private static final int STDERR_LINES = 20;

    private final String name;
    private final Process process;
    private final ProcessTree tree;
    private final ReplLaunch launch;
    private final ReplProcessConfig config;
    private final Secrets secrets;
    private final ReplCodec codec;
    private final RequestWriter requests;
    private final Writer stdin;
    private final BlockingQueue<ReadResult> responses = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final ReentrantLock stderrLock = new ReentrantLock();
    private final ReentrantLock requestLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Instant startedAt;
    private final Thread stderrDrain;
    private volatile boolean broken;
    private long requestCount;

    /** What the reader thread saw on stdout. */
    private sealed interface ReadResult {
        record Response(Frame frame) implements ReadResult {
        }

        record Truncated(Frame partial) implements ReadResult {
        }

        record End() implements ReadResult {
        }

        record Failed(IOException error) implements ReadResult {
        }
    }

    private ReplProcess(String name, Process process, ReplLaunch launch, ReplProcessConfig config, ReplCodec codec,
            HostTools tools, InstantSource clock) {
        this.name = name;
        this.process = process;
        this.launch = launch;
        this.config = config;
        this.secrets = config.secrets().plus(Secrets.inEnvironment(tools.environment()));
        this.codec = codec;
        this.tree = new ProcessTree(process.toHandle(), launch.ownProcessGroup(), tools);
        this.requests = new RequestWriter(codec);
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.startedAt = clock.instant();
        Thread.ofPlatform().daemon().name(name + "-stdout").start(this::readStdout);
        this.stderrDrain = Thread.ofPlatform().daemon().name(name + "-stderr").start(this::drainStderr);
    }

    /**
     * Starts the REPL command wrapped as {@link ReplLaunch} plans it.
     *
     * @throws ReplStartException if the process cannot be started at all
     */
    public static ReplProcess start(String name, ReplProcessConfig config, ReplCodec codec, HostTools tools,
            InstantSource clock) {
        requireExecutable(config, tools);
        ReplLaunch launch = ReplLaunch.plan(config, tools);
        ProcessBuilder pb = new ProcessBuilder(launch.commandLine()).directory(config.workDir().toFile());
        pb.environment().clear();
        pb.environment().putAll(environment(config, tools));
        try {
            return new ReplProcess(name, pb.start(), launch, config, codec, tools, clock);
        } catch (IOException e) {
            throw new ReplStartException("cannot start the REPL (" + String.join(" ", config.command()) + ") in "
                    + config.workDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * What the REPL runs with: the allow-listed part of Stepwise's environment (never its API
     * keys), the configured variables ({@code lake env}'s), and the scratch directory as TMPDIR,
     * the one place a sandboxed REPL can write to.
     */
    static Map<String, String> environment(ReplProcessConfig config, HostTools tools) {
        Map<String, String> env = new LinkedHashMap<>(ReplEnvironment.allowListed(tools.environment()));
        env.putAll(config.environment());
        env.put("TMPDIR", config.scratchDir().toAbsolutePath().normalize().toString());
        return env;
    }

    /** Wrapped in setsid, a missing program would only show as exit code 127: check it first. */
    private static void requireExecutable(ReplProcessConfig config, HostTools tools) {
        String program = config.command().get(0);
        boolean found = program.contains("/")
                ? java.nio.file.Files.isExecutable(config.workDir().resolve(program))
                : tools.find(program).isPresent();
        if (!found) {
            throw new ReplStartException("cannot start the REPL: " + program + " not found"
                    + (program.contains("/") ? " (relative to " + config.workDir() + ")" : " on PATH")
                    + "; run 'make lean' to set up Lean, or 'stepwise lean doctor' to see what is missing", null);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return tree.pid();
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Requests answered so far. */
    public long requestCount() {
        requestLock.lock();
        try {
            return requestCount;
        } finally {
            requestLock.unlock();
        }
    }

    /** Whether it may take another request: alive, not killed, never crashed or timed out. */
    public boolean usable() {
        return !broken && !closed.get() && process.isAlive();
    }

    /** Resident memory of the process tree in bytes (from /proc). */
    public long rssBytes() {
        return tree.rssBytes();
    }

    public boolean sandboxed() {
        return launch.sandboxed();
    }

    public boolean memoryCapped() {
        return launch.memoryCapped();
    }

    /** The last lines the process wrote to stderr, oldest first. */
    public List<String> stderrTail() {
        stderrLock.lock();
        try {
            return List.copyOf(stderrTail);
        } finally {
            stderrLock.unlock();
        }
    }

    /**
     * Sends one request and waits for its response.
     *
     * @throws ReplTimeoutException past the deadline (the process tree is killed first)
     * @throws ReplCrashException if the process died, closed its output or answered garbage
     */
    public ReplResponse send(ReplRequest request, Duration deadline) {
        requestLock.lock();
        try {
            if (!usable()) {
                throw crash(CrashKind.EXITED, "it is no longer usable", null);
            }
            try {
                requests.write(request, stdin);
            } catch (IOException e) {
                broken = true;
                throw crash(CrashKind.INPUT_CLOSED, "cannot write the request: " + e.getMessage(), e);
            }
            ReadResult result;
            try {
                result = responses.poll(deadline.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // an abandoned request would leave its answer queued for the next caller
                broken = true;
                kill();
                Thread.currentThread().interrupt();
                throw crash(CrashKind.EXITED, "interrupted while waiting; killed", e);
            }
            if (result == null) {
                broken = true;
                kill();
                throw new ReplTimeoutException(name, deadline);
            }
            requestCount++;
            return switch (result) {
                case ReadResult.Response r -> decode(r.frame());
                case ReadResult.Truncated t -> {
                    broken = true;
                    yield throwCrash(outputEnded(), "output ended in the middle of a response");
                }
                case ReadResult.End e -> {
                    broken = true;
                    yield throwCrash(outputEnded(), "output ended");
                }
                case ReadResult.Failed f -> {
                    broken = true;
                    yield throwCrash(CrashKind.OUTPUT_CLOSED, "reading its output failed: " + f.error().getMessage());
                }
            };
        } finally {
            requestLock.unlock();
        }
    }

    private ReplResponse decode(Frame frame) {
        try {
            return codec.decodeResponse(frame.text());
        } catch (ReplProtocolException e) {
            broken = true;
            kill();
            throw crash(CrashKind.GARBAGE, e.getMessage(), e);
        }
    }

    private ReplResponse throwCrash(CrashKind kind, String detail) {
        throw crash(kind, detail, null);
    }

    /** After EOF: wait briefly for the exit code, which tells a crash from a closed stdout. */
    private CrashKind outputEnded() {
        try {
            if (process.waitFor(config.exitWait().toMillis(), TimeUnit.MILLISECONDS)) {
                awaitStderr(); // its last words say why it ended
                return LeanExit.classify(process.exitValue(), stderrTail(), config.memoryCapBytes() > 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        return CrashKind.OUTPUT_CLOSED;
    }

    private ReplCrashException crash(CrashKind kind, String detail, Throwable cause) {
        Integer exit = process.isAlive() ? null : process.exitValue();
        // stderr is drained on its own thread; give it a moment to catch the dying words
        awaitStderr();
        return new ReplCrashException(name, kind, exit, stderrTail(), secrets.redact(detail), cause);
    }

    private void awaitStderr() {
        if (!process.isAlive()) {
            try {
                // the drain ends at EOF; a grandchild holding stderr open must not stall the report
                stderrDrain.join(Duration.ofMillis(500));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Kills the whole process tree now (idempotent). */
    public void kill() {
        broken = true;
        tree.kill(config.exitWait());
    }

    /** Whether anything of the tree is still running (for leak checks). */
    public boolean anyAlive() {
        return process.isAlive() || tree.anyAlive();
    }

    /** Every live pid of the tree, root first. */
    public List<Long> treePids() {
        List<Long> pids = new ArrayList<>();
        for (ProcessHandle p : tree.members()) {
            if (p.isAlive()) {
                pids.add(p.pid());
            }
        }
        return pids;
    }

    /** Closes stdin (the REPL ends on EOF), then kills the tree if it has not gone within exitWait. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // a dead process's pipe; the kill below is what counts
        }
        try {
            if (!process.waitFor(Math.min(200, config.exitWait().toMillis()), TimeUnit.MILLISECONDS)) {
                tree.kill(config.exitWait());
            } else if (tree.anyAlive()) {
                tree.kill(config.exitWait());
            }
        } catch (InterruptedException e) {
            tree.kill(config.exitWait());
            Thread.currentThread().interrupt();
        }
    }

    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    // ------------------------------------------------------------------ reader threads

    /*
     * A reader thread per process, not a read on the caller's thread: a process that escaped the
     * kill (re-parented out of the tree and the group) may hold the pipe open forever, and then
     * only the reader thread is stuck, never a search.
     */
    private void readStdout() {
        ResponseReader reader = new ResponseReader(
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
        try {
            while (true) {
                Optional<Frame> next = reader.next();
                if (next.isEmpty()) {
                    responses.add(new ReadResult.End());
                    return;
                }
                responses.add(new ReadResult.Response(next.get()));
            }
        } catch (TruncatedFrameException e) {
            responses.add(new ReadResult.Truncated(e.partial()));
        } catch (IOException e) {
            responses.add(new ReadResult.Failed(e));
        }
    }

    private void drainStderr() {
        try (BufferedReader err = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                stderrLock.lock();
                try {
                    // a REPL that got hold of a key may print it; what is kept is what crash reports repeat
                    stderrTail.addLast(secrets.redact(line));
                    while (stderrTail.size() > STDERR_LINES) {
                        stderrTail.removeFirst();
                    }
                } finally {
                    stderrLock.unlock();
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read stays in the tail
        }
    }
}
