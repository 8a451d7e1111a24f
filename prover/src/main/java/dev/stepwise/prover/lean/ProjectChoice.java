package dev.stepwise.prover.lean;

import dev.stepwise.lean.LeanProject;
import dev.stepwise.lean.ReplVersion;
import dev.stepwise.prover.problems.LeanTarget;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which Lean project a run uses, and whether it is the Lean its statements were written for.
 * The project: the one the user named ({@code --lean-project}, {@code lean.project}), else the
 * installed project whose Lean and Mathlib pins are the dataset's target, else the default one.
 * Its version: what {@code lean-toolchain} pins, or, when {@code lean.repl-command} replaces the
 * project's REPL (the simulator), what that REPL answers ({@link LeanVersionProbe}).
 *
 * @param project the project REPLs run in
 * @param version the Lean version it runs, if known
 * @param mathlib its Mathlib pin, if known (never for a configured command)
 * @param target what the statements were written for, if they say
 * @param mismatch one line naming both versions when the target is not what the project runs; empty otherwise
 */
public record ProjectChoice(LeanProject project, Optional<ReplVersion> version, Optional<String> mathlib,
        Optional<LeanTarget> target, Optional<String> mismatch) {

    public ProjectChoice {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(mathlib, "mathlib");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mismatch, "mismatch");
    }

    /**
     * @param dataset the dataset's name or file, for the mismatch line
     * @param probe asks the configured REPL command its version (only called when one is configured)
     */
    public static ProjectChoice choose(LeanSetup setup, String dataset, Optional<LeanTarget> target,
            Supplier<Optional<ReplVersion>> probe) {
        LeanProject project = setup.configuredProject()
                .or(() -> target.flatMap(t -> matching(setup.installed().all(), t)))
                .orElseGet(() -> setup.installed().fallback());
        Optional<ReplVersion> version;
        Optional<String> mathlib;
        if (setup.configuredCommand()) {
            version = probe.get();
            mathlib = Optional.empty();
        } else {
            version = project.leanVersion();
            mathlib = project.mathlibPin();
        }
        return new ProjectChoice(project, version, mathlib, target, mismatch(dataset, target, version, mathlib));
    }

    /** The installed project pinned to the target's Lean and (when the target pins one) Mathlib. */
    static Optional<LeanProject> matching(List<LeanProject> installed, LeanTarget target) {
        return installed.stream().filter(p -> p.leanVersion().map(ReplVersion::toString).equals(Optional.of(target.lean())))
                .filter(p -> target.mathlibPin().isEmpty() || p.mathlibPin().equals(target.mathlibPin()))
                .findFirst();
    }

    static Optional<String> mismatch(String dataset, Optional<LeanTarget> target, Optional<ReplVersion> version,
            Optional<String> mathlib) {
        if (target.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        LeanTarget t = target.get();
        boolean leanDiffers = !version.get().toString().equals(t.lean());
        boolean mathlibDiffers = mathlib.isPresent() && t.mathlibPin().isPresent() && !mathlib.get().equals(t.mathlibPin().get());
        if (!leanDiffers && !mathlibDiffers) {
            return Optional.empty();
        }
        String project = "Lean " + version.get() + mathlib.filter(m -> !m.equals(version.get().toString()))
                .map(m -> " with Mathlib " + m).orElse("");
        return Optional.of(dataset + " targets " + t + " but the Lean project runs " + project);
    }

    /** What the run used, for its record: {@code lean-projects/v4.24.0 (Lean v4.24.0, Mathlib v4.24.0)}. */
    public String describe() {
        return project.root().getFileName() + " (Lean " + version.map(ReplVersion::toString).orElse("unknown")
                + mathlib.map(m -> ", Mathlib " + m).orElse("") + ")";
    }
}
