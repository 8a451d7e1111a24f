package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One REPL process against a scripted stand-in: answers, deadlines, crashes, whole-tree kills. */
class ReplProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private ReplProcess repl;

    private ReplProcess start(ReplProcessConfig config) {
        repl = ReplProcess.start("repl-test", config, new ReplCodec(), HostTools.fromEnvironment(),
                InstantSource.system());
        return repl;
    }

    @AfterEach
    void closeIt() {
        if (repl != null) {
            repl.close();
            assertFalse(repl.anyAlive(), "process tree still alive after close");
        }
    }

    @Test
    void answersRequestsInOrder() {
        ReplProcess p = start(ScriptedRepl.config(dir));
        assertEquals(new ReplResponse.CommandResult(0), p.send(ReplRequest.Command.fresh("import Lean"), DEADLINE));
        assertEquals(new ReplResponse.CommandResult(1), p.send(ReplRequest.Command.in(0, "def x := 1\n#check x"), DEADLINE));
        var t = assertInstanceOf(ReplResponse.TacticResult.class, p.send(new ReplRequest.Tactic("simp", 0), DEADLINE));
        assertEquals(2, t.proofState());
        assertEquals(3, p.requestCount());
        assertTrue(p.usable());
        assertTrue(p.rssBytes() > 0, "RSS from /proc");
    }

    @Test
    void pastTheDeadlineTheWholeTreeIsKilled() {
        ReplProcess p = start(ScriptedRepl.config(dir));
        p.send(ReplRequest.Command.fresh("ok"), DEADLINE);
        var e = assertThrows(ReplTimeoutException.class,
                () -> p.send(ReplRequest.Command.fresh("hang"), Duration.ofMillis(300)));
        assertEquals(Duration.ofMillis(300), e.deadline());
        assertFalse(p.usable());
        assertFalse(p.anyAlive(), "the sleeping child must be killed with its parent");
    }

    @Test
    void aProcessThatEscapedTheKillAndHoldsTheOutputCannotStallTheCaller() {
        ReplProcess p = start(ScriptedRepl.config(dir));
        // had the caller waited for the pipe to close, this would be a crash 3 s later, not a timeout
        assertThrows(ReplTimeoutException.class, () -> p.send(ReplRequest.Command.fresh("escape"), Duration.ofMillis(300)));
        assertFalse(p.usable());
    }

    @Test
    void exitIsACrashWithExitCodeAndStderr() {
        ReplProcess p = start(ScriptedRepl.config(dir));
        var e = assertThrows(ReplCrashException.class, () -> p.send(ReplRequest.Command.fresh("crash"), DEADLINE));
        assertEquals(CrashKind.EXITED, e.kind());
        assertEquals(3, e.exitCode());
        assertEquals(List.of("INTERNAL PANIC: out of bounds", "at Lean.Elab"), e.stderrTail());
        assertTrue(e.getMessage().startsWith("repl-test crashed (exited, exit code 3): output ended; last stderr:"),
                e.getMessage());
        assertFalse(p.usable());
        var again = assertThrows(ReplCrashException.class, () -> p.send(ReplRequest.Command.fresh("x"), DEADLINE));
        assertTrue(again.getMessage().contains("no longer usable"), again.getMessage());
    }

    @Test
    void aStackOverflowAbortUnderAMemoryCapIsAStackOverflowNotOutOfMemory() {
        // Exit 134 is SIGABRT: Lean's stack guard aborts with it; so would an uncaught std::bad_alloc.
        ReplProcess p = start(ScriptedRepl.config(dir).withMemoryCap(8L << 30));
        var e = assertThrows(ReplCrashException.class, () -> p.send(ReplRequest.Command.fresh("overflow"), DEADLINE));
        assertEquals(CrashKind.STACK_OVERFLOW, e.kind());
        assertEquals(134, e.exitCode());
        assertTrue(e.getMessage().startsWith("repl-test crashed (stack overflow, exit code 134): output ended"), e.getMessage());
    }

    @Test
    void leansOwnOutOfMemoryPanicIsOutOfMemory() {
        ReplProcess p = start(ScriptedRepl.config(dir).withMemoryCap(8L << 30));
        var e = assertThrows(ReplCrashException.class, () -> p.send(ReplRequest.Command.fresh("nomemory"), DEADLINE));
        assertEquals(CrashKind.OUT_OF_MEMORY, e.kind());
        assertEquals(1, e.exitCode());
    }

    @Test
    void eofInTheMiddleOfAResponseIsACrashNotAParseError() {
        ReplProcess p = start(ScriptedRepl.config(dir));
        var e = assertThrows(ReplCrashException.class, () -> p.send(ReplRequest.Command.fresh("half"), DEADLINE));
        assertEquals(CrashKind.EXITED, e.kind());
        assertEquals("output ended in the middle of a response", e.getMessage().replaceAll(".*\\): ", ""));
    }

    @Test
    void garbageIsACrashAndTheProcessIsKilled() {
        ReplProcess p = start(ScriptedRepl.config(dir));
        var e = assertThrows(ReplCrashException.class, () -> p.send(ReplRequest.Command.fresh("garbage"), DEADLINE));
        assertEquals(CrashKind.GARBAGE, e.kind());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertFalse(p.anyAlive());
    }

    @Test
    void memoryCapIsAppliedThroughPrlimit() {
        var tools = HostTools.fromEnvironment();
        var plan = ReplLaunch.plan(ScriptedRepl.config(dir).withMemoryCap(1L << 30), tools);
        assertEquals(tools.find("prlimit").isPresent(), plan.memoryCapped());
        if (plan.memoryCapped()) {
            assertTrue(plan.commandLine().contains("--as=1073741824"), plan.commandLine().toString());
        }
        assertEquals(tools.find("setsid").isPresent(), plan.ownProcessGroup());
        assertEquals(List.of("bash", "-c", ScriptedRepl.SCRIPT),
                plan.commandLine().subList(plan.commandLine().size() - 3, plan.commandLine().size()));
    }

    @Test
    void aRequiredSandboxWithoutBwrapRefusesToStart() {
        var noTools = new HostTools("");
        var e = assertThrows(ReplStartException.class,
                () -> ReplLaunch.plan(ScriptedRepl.config(dir).withSandbox(Sandbox.REQUIRED, dir), noTools));
        assertEquals("the sandbox is required but bwrap is not installed (install bubblewrap, or set lean.sandbox"
                + " to where-available or off)", e.getMessage());
        assertFalse(ReplLaunch.plan(ScriptedRepl.config(dir).withSandbox(Sandbox.WHERE_AVAILABLE, dir), noTools).sandboxed());
    }

    @Test
    void aMissingCommandIsAStartErrorNamingIt() {
        var config = ReplProcessConfig.of(List.of(dir.resolve("no-such-repl").toString()), dir);
        var e = assertThrows(ReplStartException.class, () -> ReplProcess.start("repl-x", config, new ReplCodec(),
                new HostTools(""), InstantSource.system()));
        assertTrue(e.getMessage().startsWith("cannot start the REPL: " + dir.resolve("no-such-repl") + " not found"),
                e.getMessage());
    }

    @Test
    void aKeyTheReplPrintsIsMaskedInTheCrashReport() throws Exception {
        // a key the REPL could read (a config file, unsandboxed) and echoes as it dies
        String key = "sk-live-9c2e71ab55";
        java.nio.file.Files.writeString(dir.resolve("config.toml"), "api-key = \"" + key + "\"\n");
        var config = new ReplProcessConfig(List.of("bash", "-c", "read -r line; cat config.toml >&2; exit 3"), dir,
                java.util.Map.of(), 0, Sandbox.OFF, dir, Duration.ofSeconds(5)).withSecrets(Secrets.of(List.of(key)));
        ReplProcess p = start(config);
        var e = assertThrows(ReplCrashException.class, () -> p.send(ReplRequest.Command.fresh("import Mathlib"), DEADLINE));
        assertEquals(List.of("api-key = \"[redacted]\""), e.stderrTail());
        assertFalse(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().endsWith("last stderr: api-key = \"[redacted]\""), e.getMessage());
    }

    @Test
    void secretsAreTheConfiguredValuesAndTheCredentialsOfAnEnvironment() {
        var env = java.util.Map.of("STEPWISE_MODEL_API_KEY", "sk-abc-123", "HF_TOKEN", "hf_xyz987", "DB_PASSWORD", "hunter22",
                "PATH", "/usr/bin", "SHORT_KEY", "ab");
        Secrets s = Secrets.inEnvironment(env).plus(Secrets.of(List.of("configured-key-42")));
        assertEquals(java.util.Set.of("sk-abc-123", "hf_xyz987", "hunter22", "configured-key-42"), s.values());
        assertEquals("auth [redacted] and [redacted] in /usr/bin ab",
                s.redact("auth sk-abc-123 and configured-key-42 in /usr/bin ab"));
    }
}
