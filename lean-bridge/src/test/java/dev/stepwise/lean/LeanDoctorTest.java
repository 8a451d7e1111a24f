package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeanDoctorTest {
    @TempDir
    Path dir;

    private Path executable(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private Map<String, DoctorCheck> byName(List<DoctorCheck> checks) {
        return checks.stream().collect(Collectors.toMap(DoctorCheck::name, c -> c));
    }

    @Test
    void aBuiltProjectOnAToolEquippedHostIsHealthy() throws Exception {
        Path home = dir.resolve("home");
        executable(home.resolve(".elan/bin/lake"));
        executable(home.resolve(".elan/bin/elan"));
        Files.createDirectories(home.resolve(".elan/toolchains/leanprover--lean4---v4.24.0"));
        Path bin = dir.resolve("bin");
        executable(bin.resolve("prlimit"));
        executable(bin.resolve("setsid"));
        Path project = dir.resolve("lean-project");
        Files.createDirectories(project.resolve(".lake/packages/mathlib/.lake/build/lib"));
        executable(project.resolve(LeanProject.REPL_BINARY));
        Files.writeString(project.resolve("lakefile.toml"), "name = \"x\"\n");
        Files.writeString(project.resolve("lean-toolchain"), "leanprover/lean4:v4.24.0\n");
        Files.writeString(project.resolve("lake-manifest.json"),
                "{\"packages\": [{\"name\": \"mathlib\", \"rev\": \"f897ebcf\", \"inputRev\": \"v4.24.0\"}]}");
        Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemTotal: 67108864 kB\nMemAvailable: 33554432 kB\n");

        var checks = byName(new LeanDoctor(new HostTools(bin.toString()), home, meminfo)
                .examine(new LeanProject(project), 4, Sandbox.WHERE_AVAILABLE));
        assertEquals(DoctorCheck.Health.OK, checks.get("lake").status());
        assertEquals("leanprover/lean4:v4.24.0 (installed)", checks.get("toolchain").detail());
        assertEquals("v4.24.0 (f897ebcf)", checks.get("mathlib revision").detail());
        assertEquals(DoctorCheck.Health.OK, checks.get("repl binary").status());
        assertEquals(new DoctorCheck("repl version", DoctorCheck.Health.OK, "v4.24.0 (lean-toolchain): reports proofStatus"),
                checks.get("repl version"));
        assertEquals(DoctorCheck.Health.OK, checks.get("mathlib build").status());
        assertEquals(new DoctorCheck("bwrap", DoctorCheck.Health.WARN,
                "not found: REPLs run without a sandbox (install bubblewrap)"), checks.get("bwrap"));
        assertEquals(new DoctorCheck("memory", DoctorCheck.Health.OK,
                "32.0 GiB available; a Mathlib REPL needs about 5.0 GiB resident: room for 6 REPLs, pool.size is 4"),
                checks.get("memory"));
    }

    @Test
    void aBareMachineFailsWithWhatToDo() throws Exception {
        Path project = Files.createDirectories(dir.resolve("lean-project"));
        Files.writeString(project.resolve("lakefile.toml"), "name = \"x\"\n");
        Files.writeString(project.resolve("lean-toolchain"), "leanprover/lean4:v4.24.0\n");
        Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemAvailable: 8388608 kB\n");
        var checks = byName(new LeanDoctor(new HostTools(""), dir.resolve("nohome"), meminfo)
                .examine(new LeanProject(project), 4, Sandbox.REQUIRED));
        assertEquals(new DoctorCheck("lake", DoctorCheck.Health.FAIL,
                "not found on PATH or in ~/.elan/bin; run 'make lean'"), checks.get("lake"));
        assertEquals(DoctorCheck.Health.FAIL, checks.get("mathlib build").status());
        assertEquals(DoctorCheck.Health.FAIL, checks.get("repl binary").status());
        assertEquals(DoctorCheck.Health.FAIL, checks.get("bwrap").status());
        assertEquals(DoctorCheck.Health.WARN, checks.get("memory").status());
        assertEquals(DoctorCheck.Health.WARN, checks.get("prlimit").status());
    }

    @Test
    void namesAnOldReplVersionAndHowItsProofsAreChecked() throws Exception {
        Path project = Files.createDirectories(dir.resolve("lean-project"));
        Files.writeString(project.resolve("lakefile.toml"), "name = \"x\"\n\n[[require]]\nname = \"REPL\"\nrev = \"v4.9.0\"\n");
        Files.writeString(project.resolve("lean-toolchain"), "leanprover/lean4:v4.9.0\n");
        Path main = Files.createDirectories(project.resolve(".lake/packages/REPL/REPL")).resolve("Main.lean");
        Files.writeString(main, "  printFlush \"\\n\"\n  out.flush\n");
        Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemAvailable: 8388608 kB\n");
        LeanDoctor doctor = new LeanDoctor(new HostTools(""), dir.resolve("nohome"), meminfo);
        assertEquals(new DoctorCheck("repl version", DoctorCheck.Health.OK, "v4.9.0 (lakefile.toml): reports no proofStatus"
                + " (tags before v4.19.0): a step that leaves no goals is checked by elaborating the whole proof;"
                + " flush fix applied"), byName(doctor.examine(new LeanProject(project), 1, Sandbox.OFF)).get("repl version"));
        Files.writeString(main, "  IO.println \"\"\n");
        DoctorCheck unpatched = byName(doctor.examine(new LeanProject(project), 1, Sandbox.OFF)).get("repl version");
        assertEquals(DoctorCheck.Health.FAIL, unpatched.status());
        assertTrue(unpatched.detail().startsWith("v4.9.0 (lakefile.toml): the REPL v4.9.0 does not flush"), unpatched.detail());
    }

    @Test
    void anInstalledBwrapThatCannotRunIsNotASandbox() throws Exception {
        Path bin = dir.resolve("bin");
        Path bwrap = executable(bin.resolve("bwrap"));
        // what bwrap says inside a container without user namespaces (containers/bubblewrap, bubblewrap.c)
        Files.writeString(bwrap, "#!/bin/sh\necho 'bwrap: No permissions to creating new namespace, likely because the kernel"
                + " does not allow non-privileged user namespaces.' >&2\nexit 1\n");
        Path project = Files.createDirectories(dir.resolve("lean-project"));
        Files.writeString(project.resolve("lean-toolchain"), "leanprover/lean4:v4.24.0\n");
        Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemAvailable: 8388608 kB\n");
        LeanDoctor doctor = new LeanDoctor(new HostTools(bin.toString()), dir.resolve("nohome"), meminfo);

        DoctorCheck whereAvailable = byName(doctor.examine(new LeanProject(project), 1, Sandbox.WHERE_AVAILABLE)).get("bwrap");
        assertEquals(DoctorCheck.Health.WARN, whereAvailable.status());
        assertTrue(whereAvailable.detail().contains("cannot run here (bwrap: No permissions to creating new namespace"),
                whereAvailable.detail());
        assertTrue(whereAvailable.detail().endsWith("REPLs run without a sandbox"), whereAvailable.detail());
        assertEquals(DoctorCheck.Health.FAIL,
                byName(doctor.examine(new LeanProject(project), 1, Sandbox.REQUIRED)).get("bwrap").status());
        assertEquals(new DoctorCheck("bwrap", DoctorCheck.Health.OK, bwrap + " (sandbox off in config)"),
                byName(doctor.examine(new LeanProject(project), 1, Sandbox.OFF)).get("bwrap"));
    }
}
