package dev.stepwise.prover.app;

import dev.stepwise.lean.ReplVersion;
import dev.stepwise.prover.config.LeanKeys;
import dev.stepwise.prover.eval.RunObserver;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.lean.LeanSetup;
import dev.stepwise.prover.lean.LeanVersionProbe;
import dev.stepwise.prover.lean.ProjectChoice;
import dev.stepwise.prover.problems.DatasetCatalog;
import dev.stepwise.prover.problems.LeanTarget;
import java.util.Optional;

/**
 * The right Lean for a run's statements, decided before the run is claimed or any pool starts:
 * the project is chosen from the dataset's target ({@link ProjectChoice}); a target the project
 * does not run is refused (exit 2, one line naming both versions) unless
 * {@code --allow-version-mismatch}, and then said once as a warning and kept with the run. The
 * searches of an expert-iteration round choose theirs here too, from the round's pool.
 */
public final class LeanTargetCheck {
    private LeanTargetCheck() {
    }

    /** @param sim the simulator the run's settings point at ({@code --simulate}), or null for none */
    public static ProjectChoice choose(Application app, LeanSetup setup, String dataset, RunObserver observer,
            SimulatorSession sim) {
        Optional<LeanTarget> target = new DatasetCatalog(app.home(), app.workDir()).target(dataset);
        // Only a REPL the project's files do not describe is asked, and only when there is a target to compare.
        ProjectChoice choice = ProjectChoice.choose(setup, dataset, target,
                () -> target.isEmpty() ? Optional.empty() : replVersion(setup, sim));
        if (choice.mismatch().isPresent()) {
            String line = choice.mismatch().get();
            if (!app.settings().flag(LeanKeys.ALLOW_VERSION_MISMATCH)) {
                String fix = target.map(t -> "set it up with 'make lean LEAN_VERSION=" + t.lean()
                        + (t.mathlibPin().filter(m -> !m.equals(t.lean())).map(m -> " MATHLIB=" + m).orElse("")) + "'")
                        .orElse("");
                throw UserError.input(line + " (" + fix + ", or pass --allow-version-mismatch to run it anyway, labelled)");
            }
            observer.warning("warning: version mismatch: " + line + "; the results are labelled with it");
        }
        return choice;
    }

    /**
     * What the configured REPL answers when asked its Lean version. The simulator's REPL answers
     * what its world file states, so when the run's REPL command is the one {@code --simulate}
     * set, the answer is read from the world instead of starting a REPL process in series before
     * the pool (2-3 s of every simulated run's start); any other command (a REPL of the user's
     * own, or a {@code --set lean.repl-command} over the simulator's) is asked.
     */
    static Optional<ReplVersion> replVersion(LeanSetup setup, SimulatorSession sim) {
        if (sim != null && setup.replCommand().equals(sim.stack().replCommand())) {
            return Optional.of(sim.stack().replVersion());
        }
        return LeanVersionProbe.ask(setup);
    }
}
