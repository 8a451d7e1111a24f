package dev.stepwise.prover.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.LeanProject;
import dev.stepwise.lean.ReplVersion;
import dev.stepwise.prover.app.Application;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.problems.LeanTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which project a run uses among those side by side, and when its Lean is not the dataset's. */
class ProjectChoiceTest {
    @TempDir
    Path home;

    private static final LeanTarget MINIF2F = new LeanTarget("v4.24.0", "v4.24.0");
    private static final LeanTarget DEEPSEEK = new LeanTarget("v4.9.0-rc1", "xinhjBrant/mathlib4@2f65ba7");
    private static final LeanTarget PROOFNET = new LeanTarget("v4.28.0", "v4.28.0");

    /** A project as make lean writes it: lean-toolchain and the mathlib require of lakefile.toml. */
    private Path project(String dir, String lean, String mathlibGit, String mathlibRev) throws IOException {
        Path root = Files.createDirectories(home.resolve(dir));
        Files.writeString(root.resolve("lean-toolchain"), "leanprover/lean4:" + lean + "\n");
        Files.writeString(root.resolve("lakefile.toml"), "name = \"StepwiseLean\"\n\n[[require]]\nname = \"mathlib\"\ngit = \""
                + mathlibGit + "\"\nrev = \"" + mathlibRev + "\"\n\n[[require]]\nname = \"REPL\"\n"
                + "git = \"https://github.com/leanprover-community/repl\"\nrev = \"" + lean + "\"\n");
        return root;
    }

    private void bothProjects() throws IOException {
        project("lean-projects/v4.24.0", "v4.24.0", "https://github.com/leanprover-community/mathlib4", "v4.24.0");
        project("lean-projects/v4.9.0-rc1-xinhjBrant-2f65ba7", "v4.9.0-rc1", "https://github.com/xinhjBrant/mathlib4", "2f65ba7");
    }

    private LeanSetup setup(Map<String, String> flags) {
        Settings settings = Application.create(Map.of(), home, home, null, Map.of()).withFlags(flags).settings();
        return new LeanSetup(settings, home, home, HostTools.fromEnvironment());
    }

    private ProjectChoice choose(LeanSetup setup, LeanTarget target) {
        return ProjectChoice.choose(setup, "ds", Optional.ofNullable(target), () -> {
            throw new AssertionError("a project set up by make lean is read, not asked");
        });
    }

    @Test
    void theProjectIsTheOneWhosePinsAreTheDatasetsTarget() throws Exception {
        bothProjects();
        ProjectChoice deepseek = choose(setup(Map.of()), DEEPSEEK);
        assertEquals(home.resolve("lean-projects/v4.9.0-rc1-xinhjBrant-2f65ba7"), deepseek.project().root());
        assertEquals(Optional.of("xinhjBrant/mathlib4@2f65ba7"), deepseek.mathlib());
        assertEquals(Optional.empty(), deepseek.mismatch());

        ProjectChoice minif2f = choose(setup(Map.of()), MINIF2F);
        assertEquals(home.resolve("lean-projects/v4.24.0"), minif2f.project().root());
        assertEquals(Optional.empty(), minif2f.mismatch());
    }

    @Test
    void aTargetNoProjectRunsGetsTheDefaultAndAMismatchNamingBoth() throws Exception {
        bothProjects();
        ProjectChoice c = choose(setup(Map.of()), PROOFNET);
        assertEquals(home.resolve("lean-projects/v4.24.0"), c.project().root());
        assertEquals(Optional.of("ds targets Lean v4.28.0 but the Lean project runs Lean v4.24.0"), c.mismatch());
    }

    @Test
    void theSameLeanWithAnotherMathlibIsAMismatchToo() throws Exception {
        bothProjects();
        ProjectChoice c = choose(setup(Map.of("lean.project", "v4.9.0-rc1-xinhjBrant-2f65ba7")),
                new LeanTarget("v4.9.0-rc1", "v4.9.0-rc1"));
        assertEquals(Optional.of("ds targets Lean v4.9.0-rc1 but the Lean project runs Lean v4.9.0-rc1 with Mathlib"
                + " xinhjBrant/mathlib4@2f65ba7"), c.mismatch());
    }

    @Test
    void theUsersProjectWinsAndIsFoundByNameOrVersion() throws Exception {
        bothProjects();
        assertEquals(home.resolve("lean-projects/v4.24.0"),
                choose(setup(Map.of("lean.project", "v4.24.0")), DEEPSEEK).project().root());
        assertTrue(choose(setup(Map.of("lean.project", "v4.24.0")), DEEPSEEK).mismatch().isPresent());
        assertEquals(home.resolve("lean-projects/v4.9.0-rc1-xinhjBrant-2f65ba7"),
                choose(setup(Map.of("lean.project", "v4.9.0-rc1")), MINIF2F).project().root());
    }

    @Test
    void anEarlierLeanProjectKeepsWorkingAsTheDefault() throws Exception {
        Path legacy = project("lean-project", "v4.24.0", "https://github.com/leanprover-community/mathlib4", "v4.24.0");
        Files.createDirectories(legacy.resolve(".lake"));
        ProjectChoice c = choose(setup(Map.of()), MINIF2F);
        assertEquals(legacy, c.project().root());
        assertEquals(Optional.empty(), c.mismatch());
        assertEquals(List.of(new LeanProject(legacy)), new InstalledProjects(home).all());
    }

    @Test
    void aFreshCheckoutsUnbuiltLeanProjectIsNotListed() throws Exception {
        project("lean-project", "v4.24.0", "https://github.com/leanprover-community/mathlib4", "v4.24.0");
        assertEquals(List.of(), new InstalledProjects(home).all());
    }

    @Test
    void aConfiguredReplIsAskedItsVersion() throws Exception {
        LeanSetup simulated = setup(Map.of("lean.repl-command", "/nowhere/sim-repl"));
        ProjectChoice c = ProjectChoice.choose(simulated, "proofnet-test", Optional.of(PROOFNET),
                () -> Optional.of(ReplVersion.parse("v4.24.0")));
        assertEquals(Optional.of("proofnet-test targets Lean v4.28.0 but the Lean project runs Lean v4.24.0"), c.mismatch());
    }

    @Test
    void noTargetNoMismatch() throws Exception {
        bothProjects();
        ProjectChoice c = choose(setup(Map.of()), null);
        assertEquals(home.resolve("lean-projects/v4.24.0"), c.project().root());
        assertEquals(Optional.empty(), c.mismatch());
        assertEquals("v4.24.0 (Lean v4.24.0, Mathlib v4.24.0)", c.describe());
    }
}
