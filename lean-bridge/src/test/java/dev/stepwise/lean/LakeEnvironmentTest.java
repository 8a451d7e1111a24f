package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading {@code lake env} (bare) from a fake lake that prints what Lake prints. */
class LakeEnvironmentTest {
    @TempDir
    Path dir;

    /** A lake that records how it was called and prints Lake's NAME=VALUE lines, one unset. */
    private Path fakeLake(String body) throws Exception {
        Path lake = dir.resolve("bin/lake");
        Files.createDirectories(lake.getParent());
        Files.writeString(lake, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(lake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return lake;
    }

    @Test
    void readsTheVariablesLakePrintsOnceAndLeavesUnsetOnesOut() throws Exception {
        Path sysroot = Files.createDirectories(dir.resolve("toolchain"));
        Path project = Files.createDirectories(dir.resolve("project"));
        Path oleans = Files.createDirectories(project.resolve(".lake/build/lib/lean"));
        Path lake = fakeLake("echo \"$1 in $(pwd) key=${STEPWISE_MODEL_API_KEY:-none}\" >> \"" + dir.resolve("calls") + "\"\n"
                + "echo \"ELAN_TOOLCHAIN=leanprover/lean4:v4.24.0\"\n"
                + "echo \"LAKE_CACHE_DIR=\"\n"
                + "echo \"LEAN_SYSROOT=" + sysroot + "\"\n"
                + "echo \"LEAN_PATH=" + oleans + ":" + sysroot + "/lib/lean\"\n"
                + "echo \"PATH=" + sysroot + "/bin:/usr/bin\"\n");
        var tools = new HostTools("/usr/bin:/bin", Map.of("PATH", "/usr/bin:/bin", "STEPWISE_MODEL_API_KEY", "sk-secret-1"));
        LakeEnvironment env = LakeEnvironment.compute(lake, project, tools, Secrets.NONE, Duration.ofSeconds(20));
        assertEquals(Map.of("ELAN_TOOLCHAIN", "leanprover/lean4:v4.24.0", "LEAN_SYSROOT", sysroot.toString(),
                "LEAN_PATH", oleans + ":" + sysroot + "/lib/lean", "PATH", sysroot + "/bin:/usr/bin"), env.variables());
        assertEquals(List.of("env in " + project + " key=none"), Files.readAllLines(dir.resolve("calls")));
        // what exists of the toolchain and the search paths; the missing lib/lean is left out
        assertEquals(List.of(sysroot, oleans), env.readOnlyPaths());
    }

    @Test
    void aFailingLakeIsAStartErrorWithItsWordsAndNoSecret() throws Exception {
        Path lake = fakeLake("echo 'error: toolchain not installed, token sk-secret-1' >&2\nexit 1\n");
        var e = assertThrows(ReplStartException.class, () -> LakeEnvironment.compute(lake, dir, new HostTools("/usr/bin"),
                Secrets.of(List.of("sk-secret-1")), Duration.ofSeconds(20)));
        assertEquals("cannot read the REPL's environment: '" + lake + " env' in " + dir
                + " exited with 1: error: toolchain not installed, token [redacted]", e.getMessage());
        assertFalse(e.getMessage().contains("sk-secret-1"));
    }

    @Test
    void parsesOnlyAssignments() {
        var env = LakeEnvironment.parse("warning: manifest out of date\nLEAN_PATH=/a:/b\nLEAN_CC=\nnot a line\nLAKE=/x/lake\n");
        assertEquals(Map.of("LEAN_PATH", "/a:/b", "LAKE", "/x/lake"), env.variables());
        assertTrue(LakeEnvironment.parse("").variables().isEmpty());
    }
}
