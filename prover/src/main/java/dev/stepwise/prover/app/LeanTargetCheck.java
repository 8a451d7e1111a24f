package dev.stepwise.prover.app;

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

    public static ProjectChoice choose(Application app, LeanSetup setup, String dataset, RunObserver observer) {
        Optional<LeanTarget> target = new DatasetCatalog(app.home(), app.workDir()).target(dataset);
        // Only a REPL the project's files do not describe is asked, and only when there is a target to compare.
        ProjectChoice choice = ProjectChoice.choose(setup, dataset, target,
                () -> target.isEmpty() ? Optional.empty() : LeanVersionProbe.ask(setup));
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
}
