package dev.stepwise.prover.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.ProofSessions;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplCrashException;
import dev.stepwise.lean.ReplPool;
import dev.stepwise.lean.ReplProcess;
import dev.stepwise.lean.ReplProcessConfig;
import dev.stepwise.lean.ReplRequest;
import dev.stepwise.lean.ReplStartException;
import dev.stepwise.lean.SessionStart;
import dev.stepwise.lean.StepOutcome;
import dev.stepwise.prover.app.Application;
import dev.stepwise.prover.sim.SimulatedStack;
import dev.stepwise.prover.sim.TinyWorld;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.world.WorldFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the Lean keys become REPL processes: the binary run directly, lake env read once, the sandbox, the warning. */
class LeanSetupTest {
    private static final String KEY = "sk-model-key-5e6f7a";

    @TempDir
    Path dir;

    private static void executable(Path file, String script) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private LeanSetup setup(Map<String, String> env, HostTools tools) {
        return new LeanSetup(Application.create(env, dir, dir, null, Map.of()).settings(), dir, dir, tools);
    }

    @Test
    void theReplBinaryRunsDirectlyWithTheVariablesOfOneLakeEnvRun() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path oleans = Files.createDirectories(project.resolve(".lake/packages/mathlib/.lake/build/lib/lean"));
        // a REPL that shows what it was started with, then dies
        executable(project.resolve(".lake/packages/REPL/.lake/build/bin/repl"),
                "read -r line\necho \"LEAN_PATH=$LEAN_PATH\" >&2\necho \"key=${STEPWISE_MODEL_API_KEY:-none}\" >&2\nexit 3\n");
        Path calls = dir.resolve("lake-calls");
        executable(dir.resolve("bin/lake"), "echo \"$*\" >> " + calls + "\necho LEAN_PATH=" + oleans
                + "\necho LAKE_CACHE_DIR=\necho LEAN_SYSROOT=" + dir + "\n");
        String path = dir.resolve("bin") + ":" + System.getenv("PATH");
        HostTools tools = new HostTools(path, Map.of("PATH", path, "STEPWISE_MODEL_API_KEY", KEY));
        LeanSetup lean = setup(Map.of("STEPWISE_LEAN_PROJECT", project.toString(), "STEPWISE_LEAN_SANDBOX", "off",
                "STEPWISE_MODEL_API_KEY", KEY), tools);

        ReplProcessConfig first = lean.processConfig(dir);
        ReplProcessConfig second = lean.poolConfig(2, List.of("import Mathlib"), dir).process();
        assertEquals(List.of("env"), Files.readAllLines(calls), "lake runs once, as 'lake env' with no command");
        assertEquals(List.of(project.resolve(".lake/packages/REPL/.lake/build/bin/repl").toString()), first.command());
        assertEquals(first, second);
        assertEquals(Map.of("LEAN_PATH", oleans.toString(), "LEAN_SYSROOT", dir.toString()), first.environment());
        assertTrue(first.readOnlyPaths().contains(oleans), first.readOnlyPaths().toString());
        assertTrue(first.secrets().values().contains(KEY), "the configured model.api-key is a secret to mask");

        try (ReplProcess repl = ReplProcess.start("repl-direct", first, new ReplCodec(), tools, InstantSource.system())) {
            assertTrue(repl.treePids().stream().noneMatch(pid -> ProcessHandle.of(pid).flatMap(h -> h.info().command())
                    .map(c -> c.endsWith("/lake")).orElse(false)), "no lake process in front of the REPL");
            var e = assertThrows(ReplCrashException.class,
                    () -> repl.send(ReplRequest.Command.fresh("import Mathlib"), Duration.ofSeconds(20)));
            assertEquals(List.of("LEAN_PATH=" + oleans, "key=none"), e.stderrTail());
        }
    }

    @Test
    void aMissingBinaryOrLakeIsAStartErrorBeforeAnyProcess() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        var noLake = new HostTools("", Map.of());
        var missingBinary = assertThrows(ReplStartException.class,
                () -> setup(Map.of("STEPWISE_LEAN_PROJECT", project.toString()), noLake).processConfig(dir));
        assertEquals("cannot start the REPL: " + project.resolve(".lake/packages/REPL/.lake/build/bin/repl")
                + " not found; run 'make lean' to set up Lean, or 'stepwise lean doctor' to see what is missing",
                missingBinary.getMessage());
        executable(project.resolve(".lake/packages/REPL/.lake/build/bin/repl"), "exit 0\n");
        var missingLake = assertThrows(ReplStartException.class,
                () -> setup(Map.of("STEPWISE_LEAN_PROJECT", project.toString()), noLake).processConfig(dir));
        assertTrue(missingLake.getMessage().startsWith("cannot start the REPL: lake not found on PATH or in ~/.elan/bin"),
                missingLake.getMessage());
    }

    @Test
    void aRealReplWithoutTheSandboxIsWarnedAbout() throws Exception {
        executable(dir.resolve("bwrap-bin/bwrap"), "exit 0\n");
        var withBwrap = new HostTools(dir.resolve("bwrap-bin").toString());
        var withoutBwrap = new HostTools("");
        assertEquals("warning: Lean REPLs run without a sandbox (bwrap not found): model-written tactics run with your"
                + " user's rights, network and files; install bubblewrap, or set lean.sandbox=required to refuse this",
                setup(Map.of(), withoutBwrap).unsandboxedWarning().orElseThrow());
        assertTrue(setup(Map.of(), withBwrap).unsandboxedWarning().isEmpty());
        assertTrue(setup(Map.of("STEPWISE_LEAN_SANDBOX", "required"), withoutBwrap).unsandboxedWarning().isEmpty());
        assertTrue(setup(Map.of("STEPWISE_LEAN_SANDBOX", "off"), withBwrap).unsandboxedWarning().orElseThrow()
                .startsWith("warning: Lean REPLs run without a sandbox (lean.sandbox=off)"));
    }

    @Test
    void aBwrapThatCannotMakeNamespacesIsNoSandboxWhereAvailableAndARefusalWhereRequired() throws Exception {
        // what bubblewrap says where unprivileged user namespaces are off (bubblewrap's bubblewrap.c)
        executable(dir.resolve("broken-bin/bwrap"), "echo 'bwrap: No permissions to creating new namespace, likely because"
                + " the kernel does not allow non-privileged user namespaces.' >&2\nexit 1\n");
        var broken = new HostTools(dir.resolve("broken-bin") + ":" + System.getenv("PATH"));
        Map<String, String> env = Map.of("STEPWISE_LEAN_REPL_COMMAND", "bash,-c,exit 0");
        LeanSetup available = setup(env, broken);
        assertEquals(dev.stepwise.lean.Sandbox.OFF, available.processConfig(dir).sandbox());
        assertEquals("warning: Lean REPLs run without a sandbox (bwrap cannot run here: bwrap: No permissions to creating"
                + " new namespace, likely because the kernel does not allow non-privileged user namespaces.): model-written"
                + " tactics run with your user's rights, network and files; allow unprivileged user namespaces, or set"
                + " lean.sandbox=required to refuse this", available.unsandboxedWarning().orElseThrow());
        Map<String, String> required = new HashMap<>(env);
        required.put("STEPWISE_LEAN_SANDBOX", "required");
        var e = assertThrows(ReplStartException.class, () -> setup(required, broken).processConfig(dir));
        assertTrue(e.getMessage().startsWith("the sandbox is required but bwrap cannot run here: bwrap: No permissions"),
                e.getMessage());
    }

    @Test
    @Tag("slow") // the real bwrap
    void theSimulatedReplRunsInsideTheRealSandboxFromUnderTmp() throws Exception {
        HostTools tools = HostTools.fromEnvironment();
        requireWorkingBwrap(tools);
        Path world = dir.resolve("world.json");
        new WorldFile().write(TinyWorld.world(), world);
        Path project = Files.createDirectories(dir.resolve("project"));
        try (SimulatedStack sim = SimulatedStack.start(world, ModelDialect.VLLM)) {
            Map<String, String> env = new HashMap<>(Map.of("STEPWISE_LEAN_PROJECT", project.toString(),
                    "STEPWISE_LEAN_SANDBOX", "required", "STEPWISE_LEAN_REPL_COMMAND", String.join(",", sim.replCommand())));
            LeanSetup lean = setup(env, tools);
            try (ScratchDir scratch = lean.scratch();
                    ReplPool pool = ReplPool.start(lean.poolConfig(1, List.of(TinyWorld.HEADER), scratch.path()),
                            new ReplCodec(), tools, InstantSource.system())) {
                pool.awaitStarted(Duration.ofSeconds(60));
                ProofSessions sessions = new ProofSessions(pool, lean.tacticFilter());
                var root = assertInstanceOf(SessionStart.Started.class, sessions.start(TinyWorld.HEADER, TinyWorld.STATEMENT));
                assertEquals(TinyWorld.ROOT_GOAL, String.join("\n", root.root().goals()));
                assertInstanceOf(StepOutcome.Progress.class,
                        sessions.apply(root.root(), "have h₁ : 0 ≤ x ^ 2 := by positivity"));
                assertFalse(pool.processPids().isEmpty());
            }
        }
    }

    /** Skips (outside CI) or fails (in CI, CI_REQUIRE_BWRAP) where bwrap cannot run here. */
    private static void requireWorkingBwrap(HostTools tools) throws Exception {
        var bwrap = tools.find("bwrap");
        String problem = null;
        if (bwrap.isEmpty()) {
            problem = "bwrap is not installed (Debian: apt-get install bubblewrap)";
        } else {
            Process p = new ProcessBuilder(bwrap.get().toString(), "--unshare-all", "--ro-bind", "/", "/", "true")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                problem = "bwrap cannot make its namespaces here: " + out;
            }
        }
        if (problem != null && System.getenv("CI_REQUIRE_BWRAP") != null) {
            throw new AssertionError(problem + " (CI_REQUIRE_BWRAP is set: the sandbox tests must run)");
        }
        String why = problem;
        Assumptions.assumeTrue(why == null, () -> "sandbox test skipped: " + why);
    }
}
