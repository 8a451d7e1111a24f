package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What 'stepwise iterate' refuses, each with one line and exit 2, before it starts anything. */
class IterateCommandTest {

    private static CliHarness.Result run(Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of("--set", "store.path=" + dir.resolve("stepwise.db"), "--set",
                "iterate.data-dir=" + dir.resolve("data"), "--set", "model.url=http://127.0.0.1:9", "--set", "model.name=base"));
        all.addAll(List.of(args));
        return new CliHarness(dir).run(all.toArray(String[]::new));
    }

    private static void refused(Path dir, String message, String... args) {
        CliHarness.Result r = run(dir, args);
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("stepwise: " + message + "\n", r.err());
    }

    @Test
    void badRequestsAreRefusedWithOneLine(@TempDir Path dir) {
        refused(dir, "give --round N or --next, not both", "iterate", "--pool", "minif2f-test", "--round", "1", "--next");
        refused(dir, "--round must be >= 1, got 0", "iterate", "--pool", "minif2f-test", "--round", "0");
        refused(dir, "--next starts a new round; --resume continues one", "iterate", "--next", "--resume");
        refused(dir, "give the pool of statements: --pool DATASET|FILE", "iterate");
        refused(dir, "no unfinished round to resume", "iterate", "--resume");
        refused(dir, "configuration: iterate.search-budget: budget must look like A×W×N (attempts × tactics per expansion ×"
                + " expansions), e.g. 8x4x100; got '8x4'", "--set", "iterate.search-budget=8x4", "iterate", "--pool", "minif2f-test");
        refused(dir, "configuration: iterate.curriculum is critic but iterate.critic-url is empty; set it to the critic's server,"
                + " or use iterate.curriculum=fewest-attempts", "--set", "iterate.curriculum=critic", "iterate", "--pool",
                "minif2f-test");
        refused(dir, "expert iteration trains a model: set model.url and model.name to its inference server (to try it without"
                + " a GPU, use --simulate WORLD)", "--set", "policy.kind=portfolio", "iterate", "--pool", "minif2f-test");
        refused(dir, "world file nowhere.json does not exist; make one with: stepwise sim generate --from DATASET|FILE --out"
                + " nowhere.json", "iterate", "--pool", "minif2f-test", "--simulate", "nowhere.json");
        assertFalse(Files.exists(dir.resolve("data")), "a refused round leaves no files");
    }
}
