package dev.stepwise.lean;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts the pool's processes warm, each with its own jittered retirement limits, and keeps every
 * process started and not yet closed, whatever its entry's state, so the pool's final sweep can
 * kill them all.
 */
final class ReplStarter {
    private static final System.Logger LOG = System.getLogger(ReplPool.class.getName());
    /** Limits are lowered by up to this fraction per process, so processes do not all retire at once. */
    private static final double JITTER = 0.025;

    private final ReplPoolConfig config;
    private final ReplCodec codec;
    private final HostTools tools;
    private final InstantSource clock;
    private final AtomicLong ids = new AtomicLong();
    private final Set<ReplProcess> live = ConcurrentHashMap.newKeySet();

    ReplStarter(ReplPoolConfig config, ReplCodec codec, HostTools tools, InstantSource clock) {
        this.config = config;
        this.codec = codec;
        this.tools = tools;
        this.clock = clock;
    }

    /**
     * A new process with every warm header imported and healthy.
     *
     * @throws ReplStartException if it cannot start or warm up (the process is closed again)
     */
    PooledRepl start() {
        long id = ids.incrementAndGet();
        ReplProcess process = ReplProcess.start("repl-" + id, config.process(), codec, tools, clock);
        live.add(process);
        try {
            PooledRepl entry = new PooledRepl(id, process, jitter(config.maxCommands()), jitter(config.maxRssBytes()),
                    config.maxAge().isZero() ? null
                            : clock.instant().plus(Duration.ofNanos(jitter(config.maxAge().toNanos()))));
            for (String header : config.warmHeaders()) {
                HeaderEnv env = HeaderCheck.warm(process, header, config.warmupTimeout());
                switch (env) {
                    case HeaderEnv.Ready r -> entry.rememberEnv(header, r.env());
                    case HeaderEnv.Failed f -> throw new ReplStartException(process.name() + ": header "
                            + firstLine(header) + ": " + f.reason() + stderr(process), null);
                }
            }
            return entry;
        } catch (ReplCrashException | ReplTimeoutException e) {
            close(process);
            throw new ReplStartException(process.name() + " failed while warming up: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(process);
            throw e;
        }
    }

    /** Closes a process (bounded waits inside); it stops counting as live once its whole tree is gone. */
    void close(ReplProcess process) {
        try {
            process.close();
        } finally {
            if (!process.anyAlive()) {
                live.remove(process);
            }
        }
    }

    /** The final sweep of the pool's close: SIGKILL whatever process tree is still alive. */
    void killSurvivors() {
        for (ReplProcess p : List.copyOf(live)) {
            p.kill();
            if (!p.anyAlive()) {
                live.remove(p);
            } else {
                LOG.log(Level.ERROR, config.name() + ": " + p.name() + " (pid " + p.pid() + ") survived SIGKILL");
            }
        }
    }

    /** Pids of every live process tree. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (ReplProcess p : live) {
            pids.addAll(p.treePids());
        }
        return pids;
    }

    private static String stderr(ReplProcess p) {
        List<String> tail = p.stderrTail();
        return tail.isEmpty() ? "" : "; last stderr: " + String.join(" | ", tail);
    }

    private static String firstLine(String header) {
        String line = header.strip().lines().findFirst().orElse("");
        return "'" + (line.length() > 60 ? line.substring(0, 57) + "..." : line) + "'";
    }

    private static long jitter(long limit) {
        return limit - (long) Math.floor(limit * JITTER * ThreadLocalRandom.current().nextDouble());
    }
}
