package dev.stepwise.prover.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A child process for {@link KillDuringWriteTest}: resumes (or starts) the run "killed" and records
 * one attempt with a large tree per unfinished problem, printing {@code writing NAME} before and
 * {@code committed NAME} after each such write, until it is killed or the run is done.
 */
public final class StoreWriterProcess {
    static final String RUN = "killed";
    static final int PROBLEMS = 24;
    static final int TREE_NODES = 150;

    private StoreWriterProcess() {
    }

    public static void main(String[] args) {
        try (Store store = Store.open(Path.of(args[0]), Duration.ofSeconds(30))) {
            RunId run = store.runs().findByName(RUN).map(Run::id)
                    .orElseGet(() -> store.runs().create(Samples.run(RUN)).id());
            store.problems().add(run, Samples.problems(PROBLEMS));
            System.out.println("ready");
            System.out.flush();
            for (var problem : store.problems().unfinished(run)) {
                // killed between recording the attempt and marking the problem: only the mark is left to do
                if (store.attempts().forProblem(run, problem.name()).isEmpty()) {
                    store.problems().start(run, problem.name(), Samples.T0);
                    System.out.println("writing " + problem.name());
                    System.out.flush();
                    store.attempts().record(Samples.provedAttempt(run, problem.name(), 0, TREE_NODES, problem.name() + " "));
                }
                store.problems().finish(run, problem.name(), ProblemStatus.PROVED, Samples.T0.plusSeconds(1));
                System.out.println("committed " + problem.name());
                System.out.flush();
            }
            store.runs().finish(run, RunStatus.COMPLETED, Samples.T0.plusSeconds(2));
        }
        System.out.println("done");
    }
}
