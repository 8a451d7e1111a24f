package dev.stepwise.prover.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make lean} (scripts/setup-lean.sh) run against stand-ins for git, curl, elan and lake on
 * PATH that log their arguments and act out only what the script relies on: the script must ask
 * Lake for the REPL's executable target {@code repl} (the library target {@code REPL} builds no
 * binary), apply the REPL's flush fix to tags before v4.10.0, and refuse a version the REPL has
 * no tag for before anything is downloaded.
 */
class SetupLeanScriptTest {
    private static final String FLUSH_COMMIT = "4fc1e6d1dda170e8f0a6b698dd5f7e17a9cf52b4";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Path root() throws IOException {
        Path root = dir.resolve("checkout");
        Files.createDirectories(root.resolve("scripts"));
        for (String f : List.of("setup-lean.sh", "find-jdk.sh")) {
            Files.copy(Path.of("..", "scripts", f), root.resolve("scripts").resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.copy(Path.of("..", "Makefile"), root.resolve("Makefile"));
        return root;
    }

    private void standIn(Path bin, String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/bash\necho \"" + name + " $*\" >> \"$STANDIN_LOG\"\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs the script for {@code version}; the REPL has the tags in {@code replTags}. */
    private Run run(Path root, String version, String replTags) throws Exception {
        return run(root, replTags, "bash", root.resolve("scripts/setup-lean.sh").toString(), version);
    }

    private Path project(Path root, String name) {
        return root.resolve("lean-projects").resolve(name);
    }

    private Run run(Path root, String replTags, String... command) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        standIn(bin, "curl", "exit 0");
        standIn(bin, "elan", "exit 0");
        // git: ls-remote answers from STANDIN_TAGS; the flush commit "is there"; its diff applies
        // by adding the flush the real commit adds.
        standIn(bin, "git", """
                case "$1" in
                  ls-remote) for t in $STANDIN_TAGS; do [ "refs/tags/$t" = "${@: -1}" ] && exit 0; done; exit 2 ;;
                  -C) dir="$2"; shift 2
                      case "$1" in
                        cat-file) exit 0 ;;
                        diff) echo "+  out.flush -- Flush the output" ;;
                        apply) cat >> "$dir/REPL/Main.lean" ;;
                        *) exit 1 ;;
                      esac ;;
                  *) exit 1 ;;
                esac""");
        // lake: update checks the REPL out; only the executable target `repl` makes the binary.
        standIn(bin, "lake", """
                case "$*" in
                  update) mkdir -p .lake/packages/REPL/REPL && printf 'IO.println ""\\n' > .lake/packages/REPL/REPL/Main.lean ;;
                  "build repl") mkdir -p .lake/packages/REPL/.lake/build/bin && printf '#!/bin/sh\\n' > .lake/packages/REPL/.lake/build/bin/repl && chmod +x .lake/packages/REPL/.lake/build/bin/repl ;;
                esac
                exit 0""");
        Path log = dir.resolve("standin.log");
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().put("STANDIN_LOG", log.toString());
        pb.environment().put("STANDIN_TAGS", replTags);
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "setup-lean.sh did not finish");
        return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    private List<String> log() throws IOException {
        Path log = dir.resolve("standin.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    @Test
    void makeLeanBuildsTheReplExecutableNotTheLibrary() throws Exception {
        Path root = root();
        Run r = run(root, "v4.24.0", "make", "--no-print-directory", "lean", "LEAN_VERSION=v4.24.0");
        assertEquals(0, r.exit(), r.err());
        List<String> lake = log().stream().filter(l -> l.startsWith("lake ")).toList();
        assertEquals(List.of("lake update", "lake exe cache get", "lake build", "lake build repl"), lake);
        assertTrue(Files.isExecutable(project(root, "v4.24.0").resolve(".lake/packages/REPL/.lake/build/bin/repl")));
        assertFalse(log().stream().anyMatch(l -> l.contains(" apply")), "no flush fix for v4.24.0");
        assertEquals("leanprover/lean4:v4.24.0", Files.readString(project(root, "v4.24.0").resolve("lean-toolchain")).strip());
    }

    @Test
    void appliesTheFlushFixToTagsBeforeV4_10_0() throws Exception {
        Path root = root();
        Run r = run(root, "v4.9.0", "v4.9.0");
        assertEquals(0, r.exit(), r.err());
        assertTrue(log().contains("git -C " + project(root, "v4.9.0").resolve(".lake/packages/REPL") + " diff " + FLUSH_COMMIT + "^ "
                + FLUSH_COMMIT + " -- REPL/Main.lean"), String.join("\n", log()));
        assertTrue(Files.readString(project(root, "v4.9.0").resolve(".lake/packages/REPL/REPL/Main.lean")).contains(".flush"));
        assertTrue(r.out().contains("reports no proofStatus"), r.out());
        String lakefile = Files.readString(project(root, "v4.9.0").resolve("lakefile.toml"));
        assertEquals(2, lakefile.split("rev = \"v4.9.0\"", -1).length - 1, lakefile);
    }

    @Test
    void refusesAVersionTheReplHasNoTagForBeforeDownloading() throws Exception {
        Path root = root();
        Run r = run(root, "v4.12.0", "v4.9.0 v4.24.0");
        assertEquals(3, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("make lean: the Lean REPL has no tag v4.12.0"), r.err());
        assertFalse(log().stream().anyMatch(l -> l.startsWith("lake ") || l.startsWith("elan ")), String.join("\n", log()));
    }

    /**
     * Two set-ups, one after the other, leave two projects side by side, each with its own pins:
     * the second (the DeepSeek stack, a Mathlib fork at a commit) does not rewrite the first.
     */
    @Test
    void twoVersionsMakeTwoProjectsEachWithItsOwnPins() throws Exception {
        Path root = root();
        Run first = run(root, "v4.9.0-rc1 v4.24.0", "make", "--no-print-directory", "lean", "LEAN_VERSION=v4.24.0");
        assertEquals(0, first.exit(), first.err());
        Run second = run(root, "v4.9.0-rc1 v4.24.0", "make", "--no-print-directory", "lean", "LEAN_VERSION=v4.9.0-rc1",
                "MATHLIB=xinhjBrant/mathlib4@2f65ba7");
        assertEquals(0, second.exit(), second.err());

        Path current = project(root, "v4.24.0");
        assertEquals("leanprover/lean4:v4.24.0", Files.readString(current.resolve("lean-toolchain")).strip());
        String currentLakefile = Files.readString(current.resolve("lakefile.toml"));
        assertTrue(currentLakefile.contains("git = \"https://github.com/leanprover-community/mathlib4\"\nrev = \"v4.24.0\""),
                currentLakefile);
        assertEquals(2, currentLakefile.split("rev = \"v4.24.0\"", -1).length - 1, currentLakefile);
        assertTrue(Files.isExecutable(current.resolve(".lake/packages/REPL/.lake/build/bin/repl")));

        Path deepseek = project(root, "v4.9.0-rc1-xinhjBrant-2f65ba7");
        assertEquals("leanprover/lean4:v4.9.0-rc1", Files.readString(deepseek.resolve("lean-toolchain")).strip());
        String forkLakefile = Files.readString(deepseek.resolve("lakefile.toml"));
        assertTrue(forkLakefile.contains("git = \"https://github.com/xinhjBrant/mathlib4\"\nrev = \"2f65ba7\""), forkLakefile);
        assertTrue(forkLakefile.contains("git = \"https://github.com/leanprover-community/repl\"\nrev = \"v4.9.0-rc1\""),
                forkLakefile);
        assertTrue(Files.readString(deepseek.resolve(".lake/packages/REPL/REPL/Main.lean")).contains(".flush"),
                "the REPL before v4.10.0 gets the flush fix");
    }

    @Test
    void refusesAMathlibThatIsNotOwnerRepoAtRev() throws Exception {
        Path root = root();
        Run r = run(root, "v4.24.0", "bash", root.resolve("scripts/setup-lean.sh").toString(), "v4.24.0", "mathlib4");
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("MATHLIB must look like OWNER/REPO@REV"), r.err());
        assertFalse(Files.exists(root.resolve("lean-projects")));
    }
}
