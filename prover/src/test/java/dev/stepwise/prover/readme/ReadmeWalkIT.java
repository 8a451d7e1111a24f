package dev.stepwise.prover.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks the README's newcomer path (the blocks {@link ReadmeWalk} reads, in order) against a fresh
 * directory with the built launcher and jar: {@code bin/stepwise} there is the checkout's
 * launcher, which runs {@code prover/target/stepwise.jar}, so this runs after {@code package}
 * (failsafe, in {@code make test} and CI). It fails when a promised output line is no longer
 * printed, a command exits with a usage, environment or internal error (2, 3, 4) or any code
 * but "the answer is no" (1, from {@code prove} and {@code eval}), or the README loses its walk.
 * Blocks that need real Lean or a GPU are marked and skipped with the reason, printed here.
 */
@Tag("slow") // the README's simulated eval and three expert-iteration rounds: minutes on two cores
class ReadmeWalkIT {
    private static final Pattern FAILED = Pattern.compile("^walk: exit (\\d+) from: (.*)$");
    /** A stuck block must not hold CI forever; the three rounds take a few minutes on two cores. */
    private static final long BLOCK_MINUTES = 20;
    /** The commands whose exit 1 means "the answer is no" (a theorem or problem not proved). */
    private static final Pattern ANSWER_NO = Pattern.compile("^bin/stepwise (prove|eval) .*");

    @TempDir
    Path dir;

    @Test
    void theNewcomersPathRunsAsWrittenAndPrintsWhatTheReadmeSays() throws Exception {
        Path repo = repoRoot();
        Path jar = repo.resolve("prover/target/stepwise.jar");
        assertTrue(Files.isRegularFile(jar), "the walk runs the built jar; run it after 'package' (make test does): " + jar);
        ReadmeWalk walk = ReadmeWalk.parse(Files.readAllLines(repo.resolve("README.md"), StandardCharsets.UTF_8));
        assertWalkCoversThePath(walk);
        prepare(repo);

        List<String> lastOutput = null;
        int lastRun = 0;
        List<String> problems = new ArrayList<>();
        for (ReadmeWalk.Step step : walk.steps()) {
            switch (step) {
                case ReadmeWalk.Run run -> {
                    lastOutput = run(run, problems);
                    lastRun = run.line();
                }
                case ReadmeWalk.Skip skip -> System.out.println("README.md:" + skip.line() + ": skipped (" + skip.reason() + "):\n"
                        + skip.script().indent(4));
                case ReadmeWalk.Output out -> {
                    for (String line : out.lines()) {
                        if (lastOutput == null || !ReadmeWalk.printed(line, lastOutput)) {
                            problems.add("README.md:" + out.line() + ": the block of line " + lastRun + " did not print: " + line);
                        }
                    }
                }
                case ReadmeWalk.Prints p -> {
                    if (lastOutput == null || !ReadmeWalk.printed(p.text(), lastOutput)) {
                        problems.add("README.md:" + p.line() + ": the block of line " + lastRun + " did not print: " + p.text());
                    }
                }
                case ReadmeWalk.PrintsFile f -> {
                    List<String> expected = Files.readAllLines(repo.resolve(f.path()), StandardCharsets.UTF_8);
                    if (!expected.equals(lastOutput)) {
                        problems.add("README.md:" + f.line() + ": the block of line " + lastRun + " did not print exactly "
                                + f.path() + ":\n" + (lastOutput == null ? "" : String.join("\n", lastOutput)));
                    }
                }
            }
        }
        assertEquals(List.of(), problems, "README walk in " + dir);
    }

    /** The README still walks the path from a world to a report and three rounds, and promises output. */
    private static void assertWalkCoversThePath(ReadmeWalk walk) {
        String run = String.join("\n", walk.steps().stream().filter(s -> s instanceof ReadmeWalk.Run)
                .map(s -> ((ReadmeWalk.Run) s).script()).toList());
        for (String command : List.of("bin/stepwise sim generate", "bin/stepwise prove", "bin/stepwise eval", "bin/stepwise report",
                "bin/stepwise sim repl", "bin/stepwise sim model", "bin/stepwise sim train", "bin/stepwise iterate",
                "bin/stepwise rounds list", "bin/stepwise rounds report")) {
            assertTrue(run.contains(command), "the README's walk no longer runs '" + command + "'");
        }
        long promises = walk.steps().stream().filter(s -> !(s instanceof ReadmeWalk.Run) && !(s instanceof ReadmeWalk.Skip)).count();
        assertTrue(promises >= 5, "the README's walk promises only " + promises + " outputs");
    }

    /** The fresh directory: the datasets copied (prove writes beside its input), the launcher and test transcripts linked. */
    private void prepare(Path repo) throws IOException {
        copyTree(repo.resolve("datasets"), dir.resolve("datasets"));
        Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(dir.resolve("bin/stepwise"), repo.resolve("bin/stepwise"));
        Files.createSymbolicLink(dir.resolve("lean-bridge"), repo.resolve("lean-bridge"));
    }

    /** Runs one block in bash in the fresh directory; every command that fails is reported by the ERR trap. */
    private List<String> run(ReadmeWalk.Run run, List<String> problems) throws Exception {
        Path script = dir.resolve("walk-" + run.line() + ".sh");
        Files.writeString(script, "trap 'echo \"walk: exit $? from: $BASH_COMMAND\" >&2' ERR\n" + run.script());
        Path log = dir.resolve("walk-" + run.line() + ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("STEPWISE_"));
        Process p = pb.start();
        boolean ended = p.waitFor(BLOCK_MINUTES, TimeUnit.MINUTES);
        // A block's background job (the model server) never outlives it.
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        if (!ended) {
            p.destroyForcibly();
            fail("README.md:" + run.line() + ": the block ran past " + BLOCK_MINUTES + " minutes; output so far in " + log);
        }
        List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
        System.out.println("README.md:" + run.line() + ": ran\n" + run.script().indent(4));
        for (String line : output) {
            Matcher m = FAILED.matcher(line);
            if (m.matches()) {
                int code = Integer.parseInt(m.group(1));
                String command = m.group(2);
                if (code != 1 || !ANSWER_NO.matcher(command).matches()) {
                    problems.add("README.md:" + run.line() + ": '" + command + "' exited " + code + ":\n"
                            + String.join("\n", output));
                }
            }
        }
        return output.stream().filter(l -> !FAILED.matcher(l).matches()).toList();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** The checkout root (it holds datasets/catalog.json), found from the module directory. */
    private static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("datasets").resolve("catalog.json"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
