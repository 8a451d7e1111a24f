package dev.stepwise.prover.eval;

import dev.stepwise.prover.store.NewAttempt;
import dev.stepwise.prover.store.ProblemStatus;
import dev.stepwise.prover.store.RunId;
import dev.stepwise.prover.store.Samples;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.StoreLocation;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * A worker of a shared run in a JVM of its own, for the tests that kill workers and restart the
 * server. Its work on a problem is a pause and a verdict fixed by the problem's name (proved when
 * the name's hash is even), one attempt each, so every worker count must give the same results.
 * It prints "working NAME" as it takes each problem.
 *
 * <p>Arguments: store URL, run id, owner, lease ms, work ms.
 */
public final class SharedRunWorkerProcess {
    private SharedRunWorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        StoreLocation location = StoreLocation.postgres(args[0]);
        RunId run = new RunId(Long.parseLong(args[1]));
        String owner = args[2];
        Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
        long workMillis = Long.parseLong(args[4]);
        try (Store store = Store.open(location, Duration.ofSeconds(5), Map.of())) {
            SharedRunWorker worker = new SharedRunWorker(store, run, new SharedRunWorker.Settings(owner, lease,
                    Duration.ofMillis(100), Duration.ofSeconds(2)), InstantSource.system(), System.err);
            SharedRunWorker.Tally tally = worker.runUntilDone(l -> {
                System.out.println("working " + l.problem());
                System.out.flush();
                try {
                    Thread.sleep(workMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                boolean proved = verdict(l.problem()) == ProblemStatus.PROVED;
                NewAttempt attempt = proved ? Samples.provedAttempt(run, l.problem(), 0, 3, l.problem() + " ")
                        : Samples.failedAttempt(run, l.problem(), 0);
                return new SharedRunWorker.Result(List.of(attempt), verdict(l.problem()));
            });
            System.out.println("done " + tally.finished() + " finished, " + tally.lost() + " lost");
        }
    }

    static ProblemStatus verdict(String problem) {
        return (problem.hashCode() & 1) == 0 ? ProblemStatus.PROVED : ProblemStatus.UNPROVED;
    }
}
