package dev.stepwise.prover.eval;

import dev.stepwise.prover.store.DatabaseException;
import dev.stepwise.prover.store.Lease;
import dev.stepwise.prover.store.LeaseLostException;
import dev.stepwise.prover.store.NewAttempt;
import dev.stepwise.prover.store.ProblemStatus;
import dev.stepwise.prover.store.RunId;
import dev.stepwise.prover.store.Store;
import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One worker of a run shared through the store: claims a problem, keeps its lease alive with a
 * heartbeat while it works, writes the attempts and the verdict with the lease (a lost lease
 * drops them: the newer holder's stand), and goes on until no problem is left. When the database
 * is out of reach it waits and tries again with a growing pause, saying on stderr what it waits
 * for, and never drops a finished result: the write is retried, and a retry of a write that had
 * committed is recognised as done.
 */
public final class SharedRunWorker {
    /** What a worker does with one problem: its attempts, in order, and the problem's verdict. */
    public interface ProblemWork {
        Result work(Lease lease);
    }

    /**
     * @param status {@code PROVED} or {@code UNPROVED} (the search's verdict), or {@code ERROR} (cut
     *     short by faults, tried again on resume) or {@code STATEMENT_ERROR} (Lean refused the statement)
     * @param error why, for the last two; empty for a verdict
     */
    public record Result(List<NewAttempt> attempts, ProblemStatus status, String error) {
        public Result {
            attempts = List.copyOf(attempts);
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(error, "error");
            if ((status == ProblemStatus.ERROR || status == ProblemStatus.STATEMENT_ERROR) == error.isEmpty()) {
                throw new IllegalArgumentException(status + " with error '" + error + "'");
            }
        }

        /** A verdict of the search: {@code PROVED} or {@code UNPROVED}. */
        public Result(List<NewAttempt> attempts, ProblemStatus status) {
            this(attempts, status, "");
        }
    }

    /** Told of each verdict this worker wrote, once it stands in the store. */
    public interface Finished {
        void finished(Lease lease, Result result);
    }

    /**
     * What the worker did: problems it finished, leases it lost (their results dropped), and the
     * time its successful claims and its finishes took in all (waits out of an outage included):
     * what sharing the run through the queue costs per problem, beyond the search and its writes.
     */
    public record Tally(int finished, int lost, Duration queueCalls) {
        public Tally {
            Objects.requireNonNull(queueCalls, "queueCalls");
        }

        public Tally(int finished, int lost) {
            this(finished, lost, Duration.ZERO);
        }

        /** Both workers' tallies together. */
        public Tally plus(Tally other) {
            return new Tally(finished + other.finished, lost + other.lost, queueCalls.plus(other.queueCalls));
        }

        /** The queue calls' time per finished problem, in milliseconds (0 when none was finished). */
        public double queueMillisPerProblem() {
            return finished == 0 ? 0 : queueCalls.toNanos() / 1e6 / finished;
        }
    }

    /**
     * @param lease how long a claim holds without a heartbeat; the heartbeat renews it every third of that
     * @param poll how long to wait when every problem left is leased by another worker
     * @param maxBackoff the longest pause between tries while the database is out of reach
     */
    public record Settings(String owner, Duration lease, Duration poll, Duration maxBackoff) {
        public Settings {
            Objects.requireNonNull(owner, "owner");
            if (lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("lease must be positive, got " + lease);
            }
        }
    }

    private final Store store;
    private final RunId run;
    private final Settings settings;
    private final InstantSource clock;
    private final Consumer<String> err;
    /** Time in finish calls, added up by {@link #workOn}; a worker runs one loop on one thread. */
    private long finishNanos;

    public SharedRunWorker(Store store, RunId run, Settings settings, InstantSource clock, PrintStream err) {
        this(store, run, settings, clock, (Consumer<String>) err::println);
    }

    /** @param say where the lines about lost leases and database outages go, one at a time */
    public SharedRunWorker(Store store, RunId run, Settings settings, InstantSource clock, Consumer<String> say) {
        this.store = store;
        this.run = run;
        this.settings = settings;
        this.clock = clock;
        this.err = say;
    }

    /** Works until every problem of the run is finished (by this worker or others). */
    public Tally runUntilDone(ProblemWork work) throws InterruptedException {
        return runUntilDone(work, (lease, result) -> {
        });
    }

    /** Works until every problem of the run is finished, telling {@code done} of each verdict it wrote. */
    public Tally runUntilDone(ProblemWork work, Finished done) throws InterruptedException {
        int finished = 0;
        int lost = 0;
        long queueNanos = 0;
        finishNanos = 0;
        while (true) {
            long t0 = System.nanoTime();
            Optional<Lease> claimed = retrying("claim a problem",
                    () -> store.queue().claim(run, settings.owner(), clock.instant(), settings.lease()));
            if (claimed.isEmpty()) {
                if (retrying("count the problems left", () -> store.queue().unfinished(run)) == 0) {
                    return new Tally(finished, lost, Duration.ofNanos(queueNanos + finishNanos));
                }
                Thread.sleep(settings.poll());
                continue;
            }
            queueNanos += System.nanoTime() - t0;
            if (workOn(claimed.get(), work, done)) {
                finished++;
            } else {
                lost++;
            }
        }
    }

    /** @return false when the lease was lost before the verdict was written */
    private boolean workOn(Lease claimed, ProblemWork work, Finished done) throws InterruptedException {
        AtomicReference<Lease> lease = new AtomicReference<>(claimed);
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lease-heartbeat").daemon(true).factory());
        long beat = Math.max(1, settings.lease().toMillis() / 3);
        heartbeat.scheduleAtFixedRate(() -> {
            try {
                Lease held = lease.get();
                if (held != null) {
                    lease.set(store.queue().renew(held, clock.instant(), settings.lease()).orElse(null));
                }
            } catch (DatabaseException e) {
                // the next beat tries again; the lease holds until it expires
                err.accept("worker " + settings.owner() + ": heartbeat for " + claimed.problem() + " failed: " + e.getMessage());
            }
        }, beat, beat, TimeUnit.MILLISECONDS);
        Result result;
        try {
            result = work.work(claimed);
        } finally {
            heartbeat.shutdownNow();
        }
        try {
            for (NewAttempt attempt : result.attempts()) {
                retrying("record attempt " + attempt.index() + " of " + claimed.problem(),
                        () -> store.queue().recordAttempt(claimed, attempt));
            }
            long t0 = System.nanoTime();
            retrying("finish " + claimed.problem(), () -> {
                if (result.error().isEmpty()) {
                    store.queue().finish(claimed, result.status(), clock.instant());
                } else {
                    store.queue().fail(claimed, result.status(), result.error(), clock.instant());
                }
                return null;
            });
            finishNanos += System.nanoTime() - t0;
            done.finished(claimed, result);
            return true;
        } catch (LeaseLostException e) {
            err.accept("worker " + settings.owner() + ": " + e.getMessage());
            return false;
        }
    }

    /** Runs {@code step}; while the database is out of reach, waits (1 s, 2 s, 4 s, … up to maxBackoff) and runs it again. */
    private <T> T retrying(String doing, Supplier<T> step) throws InterruptedException {
        Duration pause = Duration.ofSeconds(1);
        while (true) {
            try {
                return step.get();
            } catch (DatabaseException e) {
                if (!e.outage()) {
                    throw e;
                }
                err.accept("worker " + settings.owner() + ": waiting for the database to " + doing + " (" + e.getMessage()
                        + "); trying again in " + pause.toSeconds() + " s");
                Thread.sleep(pause);
                pause = pause.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : pause.multipliedBy(2);
            }
        }
    }
}
