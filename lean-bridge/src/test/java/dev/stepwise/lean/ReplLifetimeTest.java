package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a REPL takes from the Stepwise that started it: its life (a REPL dies with a Stepwise
 * killed by SIGKILL) and only the allow-listed part of its environment (never an API key).
 * Each test runs a Stepwise stand-in in a JVM of its own ({@link ReplParent}).
 */
class ReplLifetimeTest {
    private static final String KEY = "sk-test-4f9a1c7e2b";

    @TempDir
    Path dir;

    private Process parent(String mode, Map<String, String> env) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ReplParent.class.getName(), mode, dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        return pb.start();
    }

    @Test
    void aReplDiesWithAStepwiseKilledBySigkill() throws Exception {
        Process stepwise = parent("busy", Map.of());
        List<Long> pids = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(stepwise.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("pids "), "the stand-in said: " + line);
            Arrays.stream(line.substring(5).split(" ")).map(Long::parseLong).forEach(pids::add);
            assertFalse(pids.isEmpty());
            stepwise.destroyForcibly(); // SIGKILL: no shutdown hook, no close, nothing of Stepwise runs
            assertTrue(stepwise.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, stepwise.exitValue());
            // the guard looks once a second; allow it plenty
            List<Long> alive = pids;
            for (int i = 0; i < 200 && !(alive = alive(pids)).isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertEquals(List.of(), alive, "REPL processes outlived their killed parent (tree was " + pids + ")");
        } finally {
            alive(pids).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void aReplGetsNoCredentialOfItsParentsEnvironment() throws Exception {
        Process stepwise = parent("env", Map.of("STEPWISE_MODEL_API_KEY", KEY, "HF_TOKEN", KEY + "-hf",
                "STEPWISE_NOT_FOR_LEAN", "plain-value", "LANG", "C.UTF-8"));
        String report = new String(stepwise.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(stepwise.waitFor(60, TimeUnit.SECONDS));
        assertTrue(report.startsWith("repl-env crashed (exited, exit code 3)"), report);
        List<String> env = Files.readAllLines(dir.resolve("stderr-tail"));
        // the REPL ran with an environment, just not the whole one
        assertTrue(env.stream().anyMatch(l -> l.startsWith("PATH=")), env.toString());
        assertTrue(env.contains("LANG=C.UTF-8"), env.toString());
        assertTrue(env.contains("TMPDIR=" + System.getProperty("java.io.tmpdir").replaceAll("/$", "")), env.toString());
        assertFalse(report.contains(KEY) || env.stream().anyMatch(l -> l.contains(KEY)), report + "\n" + env);
        assertFalse(env.stream().anyMatch(l -> l.startsWith("STEPWISE_") || l.startsWith("HF_TOKEN")), env.toString());
    }

    private static List<Long> alive(List<Long> pids) {
        return pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
    }
}
