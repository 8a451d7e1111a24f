package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox with the real bwrap (Debian's bubblewrap, installed by {@code .ci/run}): a REPL
 * stand-in whose project, script and scratch directory all lie under /tmp runs, reads its
 * project, writes its scratch directory and nothing else, reaches no loopback server, and sees
 * neither the user's home nor the Stepwise database. Each probe also runs unsandboxed first, so
 * a probe that could not tell (say, a connect that fails for another reason) fails the test.
 * Skipped only where bwrap is missing or cannot make namespaces and this is not CI
 * ({@code CI_REQUIRE_BWRAP} unset).
 */
@Tag("slow") // the real bwrap
class SandboxTest {
    /** Runs every probe, writes "name yes|no" lines to $TMPDIR/result, then answers requests as a REPL. */
    private static final String PROBE = """
            r="$TMPDIR/result"
            : > "$r"
            try() { if ( eval "$2" ) >/dev/null 2>&1; then echo "$1 yes" >> "$r"; else echo "$1 no" >> "$r"; fi; }
            try write-scratch 'echo x > "$TMPDIR/written"'
            try read-project 'grep -q REPL "$PROBE_PROJECT/lakefile.toml"'
            try write-project 'echo x > "$PROBE_PROJECT/written"'
            try write-outside 'echo x > "$PROBE_OUTSIDE/written"'
            try write-root 'echo x > /written'
            try read-home '[ -n "$(ls -A "$PROBE_HOME")" ]'
            try read-database 'grep -q SQLite "$PROBE_DB"'
            try connect-loopback 'exec 3<>"/dev/tcp/127.0.0.1/$PROBE_PORT"'
            while IFS= read -r line; do [ -n "$line" ] && printf '{"env": 0}\\n\\n'; done
            """;

    @TempDir
    Path tmp;

    private Path project;
    private Path script;
    private Path outside;
    private Path database;

    @BeforeEach
    void layOut() throws IOException {
        project = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(project.resolve("lakefile.toml"), "[[require]]\nname = \"REPL\"\n");
        script = Files.writeString(Files.createDirectories(tmp.resolve("bin")).resolve("probe.sh"), PROBE);
        outside = Files.createDirectories(tmp.resolve("outside"));
        database = Files.writeString(Files.createDirectories(tmp.resolve("state")).resolve("stepwise.db"),
                "SQLite format 3\u0000");
    }

    @Test
    void aSandboxedReplWritesOnlyItsScratchAndReachesNothingElse() throws Exception {
        HostTools tools = HostTools.fromEnvironment();
        requireWorkingBwrap(tools);
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> unsandboxed = probe(tools, Sandbox.OFF, server.getLocalPort(), "scratch-off");
            assertEquals(Map.of("write-scratch", "yes", "read-project", "yes", "write-project", "yes", "write-outside", "yes",
                    "write-root", unsandboxed.get("write-root"), "read-home", "yes", "read-database", "yes",
                    "connect-loopback", "yes"), unsandboxed, "the probes must see everything without the sandbox");

            Files.deleteIfExists(project.resolve("written"));
            Files.deleteIfExists(outside.resolve("written"));
            Map<String, String> sandboxed = probe(tools, Sandbox.REQUIRED, server.getLocalPort(), "scratch-on");
            assertEquals(Map.of("write-scratch", "yes", "read-project", "yes", "write-project", "no", "write-outside", "no",
                    "write-root", "no", "read-home", "no", "read-database", "no", "connect-loopback", "no"), sandboxed);
            assertTrue(Files.notExists(project.resolve("written")) && Files.notExists(outside.resolve("written")));
        }
    }

    /** Starts the probe as a REPL, asks it one thing (so it has run), and reads what it found. */
    private Map<String, String> probe(HostTools tools, Sandbox sandbox, int port, String scratchName) throws IOException {
        Path scratch = Files.createDirectories(tmp.resolve(scratchName));
        Map<String, String> env = Map.of("PROBE_PROJECT", project.toString(), "PROBE_OUTSIDE", outside.toString(),
                "PROBE_HOME", System.getProperty("user.home"), "PROBE_DB", database.toString(),
                "PROBE_PORT", Integer.toString(port));
        ReplProcessConfig config = new ReplProcessConfig(List.of("bash", script.toString()), project, env, 0, sandbox, scratch,
                Duration.ofSeconds(5));
        try (ReplProcess repl = ReplProcess.start("repl-probe", config, new ReplCodec(), tools, InstantSource.system())) {
            assertEquals(sandbox != Sandbox.OFF, repl.sandboxed());
            assertEquals(new ReplResponse.CommandResult(0), repl.send(ReplRequest.Command.fresh("import Mathlib"),
                    Duration.ofSeconds(30)));
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (String line : Files.readAllLines(scratch.resolve("result"))) {
            String[] parts = line.split(" ");
            found.put(parts[0], parts[1]);
        }
        return found;
    }

    /** Skips (outside CI) or fails (in CI) where bwrap cannot run here. */
    static void requireWorkingBwrap(HostTools tools) throws Exception {
        boolean required = System.getenv("CI_REQUIRE_BWRAP") != null;
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
        if (problem != null && required) {
            fail(problem + " (CI_REQUIRE_BWRAP is set: the sandbox tests must run)");
        }
        String why = problem;
        Assumptions.assumeTrue(why == null, () -> "sandbox test skipped: " + why);
    }
}
