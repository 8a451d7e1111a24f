package dev.stepwise.prover.lean;

import dev.stepwise.lean.DoctorCheck;
import dev.stepwise.lean.LeanDoctor;
import dev.stepwise.lean.LeanProject;
import dev.stepwise.lean.ReplVersion;
import java.nio.file.Path;
import java.util.List;

/**
 * One line of {@code stepwise lean doctor}'s list of installed projects: where it is, the Lean
 * and Mathlib it pins, and whether a run can use it (else what the doctor found missing).
 *
 * @param state {@code ready}, or the failed checks
 */
public record ProjectSummary(String where, String lean, String mathlib, String state) {

    public static ProjectSummary of(LeanProject project, Path home, LeanDoctor doctor) {
        Path root = project.root();
        String where = root.startsWith(home) ? home.relativize(root).toString() : root.toString();
        if (where.equals(InstalledProjects.LEGACY)) {
            where += " (earlier layout)";
        }
        List<String> failed = doctor.examineProject(project).stream().filter(c -> c.status() == DoctorCheck.Health.FAIL)
                .map(c -> c.name() + ": " + c.detail()).toList();
        return new ProjectSummary(where, project.leanVersion().map(ReplVersion::toString).orElse("unknown"),
                project.mathlibPin().orElse("unknown"), failed.isEmpty() ? "ready" : String.join("; ", failed));
    }

    /** The lines of the list, aligned; a line saying how to add one when there are none. */
    public static List<String> lines(List<ProjectSummary> projects) {
        if (projects.isEmpty()) {
            return List.of("no Lean project installed yet: 'make lean' sets up lean-projects/v4.24.0 "
                    + "(README, 'Lean set-up', for the project each dataset needs)");
        }
        int w = projects.stream().mapToInt(p -> p.where().length()).max().orElse(0);
        int l = projects.stream().mapToInt(p -> p.lean().length()).max().orElse(0);
        int m = projects.stream().mapToInt(p -> p.mathlib().length()).max().orElse(0);
        return projects.stream().map(p -> String.format("  %-" + w + "s  Lean %-" + l + "s  Mathlib %-" + m + "s  %s",
                p.where(), p.lean(), p.mathlib(), p.state())).toList();
    }
}
