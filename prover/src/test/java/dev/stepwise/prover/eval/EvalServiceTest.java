package dev.stepwise.prover.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.lean.HostTools;
import dev.stepwise.prover.app.Application;
import dev.stepwise.prover.app.EvalLauncher;
import dev.stepwise.prover.app.Stacks;
import dev.stepwise.prover.config.LeanKeys;
import dev.stepwise.prover.config.SearchKeys;
import dev.stepwise.prover.config.SearchSettings;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.lean.LeanSetup;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.run.ProverStack;
import dev.stepwise.prover.sim.SimulatedStack;
import dev.stepwise.prover.sim.TinyWorld;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.store.RunKind;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service ends a run as a report of values with its result files written (no live view of
 * the store handed back), tells progress from the search's own results, and looks the run up
 * once, holding it from the lookup to the end of the run.
 */
class EvalServiceTest {
    private static final EvalConfig CONFIG = new EvalConfig("examples", List.of("easy", "mathd_algebra_1"),
            new Budget(2, 4, 50), List.of(0.0, 1.0), 1.1, "mean", 7, 600, Map.of("store.path", "x.db"));

    @TempDir
    Path dir;

    @Test
    void aRunEndsAsAReportOfValuesWithTheResultFilesItWroteAndProgressMatchingTheStoredRow() throws Exception {
        Path world = dir.resolve("tiny.json");
        new WorldFile().write(TinyWorld.world(), world);
        Files.createDirectories(dir.resolve("project"));
        List<ProblemDone> progress = new CopyOnWriteArrayList<>();
        RunObserver observer = new RunObserver() {
            @Override
            public void problemFinished(ProblemDone problem, int done, int solved, int total) {
                progress.add(problem);
            }
        };
        Problem tiny = new Problem("tiny", "test", TinyWorld.HEADER, TinyWorld.STATEMENT, "", "t");
        EvalReport report;
        try (SimulatedStack sim = SimulatedStack.start(world, ModelDialect.VLLM)) {
            Application app = Application.create(Map.of(
                    "STEPWISE_LEAN_REPL_COMMAND", String.join(",", sim.replCommand()),
                    "STEPWISE_LEAN_PROJECT", dir.resolve("project").toString(),
                    "STEPWISE_POOL_SIZE", "1",
                    "STEPWISE_LEAN_SANDBOX", "off",
                    "STEPWISE_POLICY_KIND", "server",
                    "STEPWISE_MODEL_URL", sim.modelUrl().toString(),
                    "STEPWISE_MODEL_NAME", sim.modelName(),
                    "STEPWISE_MODEL_SERVER", "vllm"), dir, dir, null, Map.of());
            Settings s = app.settingsWith(SearchKeys.budget(1, 8, 40));
            LeanSetup setup = new LeanSetup(s, app.home(), app.workDir(), HostTools.fromEnvironment());
            try (Store store = Store.open(dir.resolve("s.db"), Duration.ofSeconds(5));
                    ProverStack stack = Stacks.open(app, setup, List.of(TinyWorld.HEADER))) {
                SearchSettings search = new SearchSettings(s);
                EvalService service = new EvalService(store, stack, InstantSource.system(), observer, search.searchConfig(),
                        search.attemptPlan(), search.schedulerConfig(s.duration(LeanKeys.TACTIC_TIMEOUT)),
                        ResultsFiles.under(dir.resolve("runs")));
                report = service.run(new EvalRequest(RunKind.EVAL, "tiny-run", EvalLauncher.config("tiny", List.of(tiny), s, ""),
                        List.of(tiny)));
            }
        }
        // The store and the Lean processes are closed: the report is all values.
        assertEquals("tiny-run", report.run().name());
        assertEquals(1, report.results().size());
        ProblemResult row = report.results().getFirst();
        assertTrue(row.proved(), row.toString());
        assertFalse(row.proof().isEmpty());
        assertEquals(1, report.summary().solved());
        assertEquals(List.of(dir.resolve("runs/tiny-run/results.jsonl"), dir.resolve("runs/tiny-run/results.md")), report.files());
        assertEquals(ResultsFiles.row(report.info(), row) + "\n", Files.readString(report.files().get(0)));
        assertEquals(ResultsFiles.markdown(report.info(), report.results()), Files.readString(report.files().get(1)));
        // The progress line came from the search's result and says what the stored row says.
        assertEquals(List.of(new ProblemDone("tiny", ProblemResult.Outcome.PROVED, row.expansions(), row.time())), progress);
    }

    @Test
    void theRunIsLookedUpOnceAndAnUnfinishedOneStaysHeldUntilTheClaimCloses() {
        try (Store store = Store.open(dir.resolve("s.db"), Duration.ofSeconds(5))) {
            StoredRunFixture.write(store, "r");
            List<Problem> two = store.problems().list(store.runs().findByName("r").orElseThrow().id()).stream()
                    .map(RunProblem::problem).toList();
            Problem third = new Problem("third", "test", "import Mathlib\n", "theorem third : True := by", "", "t");
            List<Problem> three = Stream.concat(two.stream(), Stream.of(third)).toList();

            try (RunClaim finished = RunLookup.claim(store, new EvalRequest(RunKind.EVAL, "r", CONFIG, two))) {
                assertInstanceOf(RunClaim.Finished.class, finished);
            }
            try (RunClaim fresh = RunLookup.claim(store, new EvalRequest(RunKind.EVAL, "other", CONFIG, two))) {
                assertInstanceOf(RunClaim.Fresh.class, fresh);
            }
            // A run with a problem left to do is continued: held from the lookup, not released until the run ends.
            try (RunClaim held = RunLookup.claim(store, new EvalRequest(RunKind.EVAL, "r", CONFIG, three))) {
                assertEquals("r", assertInstanceOf(RunClaim.Held.class, held).run().name());
                RunBusyException busy = assertThrows(RunBusyException.class,
                        () -> RunLookup.claim(store, new EvalRequest(RunKind.EVAL, "r", CONFIG, three)));
                assertTrue(busy.getMessage().startsWith("run r is being run by another stepwise process right now"),
                        busy.getMessage());
            }
            try (RunClaim again = RunLookup.claim(store, new EvalRequest(RunKind.EVAL, "r", CONFIG, three))) {
                assertInstanceOf(RunClaim.Held.class, again);
            }
        }
    }

    @Test
    void evalDoesNotDependOnTheReport() throws Exception {
        // Reports are built from eval's stored runs; eval must not reach back (it did: StoredRun built ReportData).
        Path eval = Path.of("src/main/java/dev/stepwise/prover/eval");
        assertTrue(Files.isDirectory(eval), eval.toAbsolutePath().toString());
        try (Stream<Path> files = Files.list(eval)) {
            List<String> offenders = files.filter(f -> {
                try {
                    return Files.readString(f).contains("dev.stepwise.prover.report");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(f -> f.getFileName().toString()).toList();
            assertEquals(List.of(), offenders);
        }
    }

    @Test
    void aDefaultNameTakenWithinTheSameSecondGetsTheNextFreeSuffix() {
        try (Store store = Store.open(dir.resolve("s.db"), Duration.ofSeconds(5))) {
            assertEquals("eval-examples-20261203-120000", RunLookup.freeName(store, "eval-examples-20261203-120000"));
            StoredRunFixture.write(store, "eval-examples-20261203-120000");
            assertEquals("eval-examples-20261203-120000-2", RunLookup.freeName(store, "eval-examples-20261203-120000"));
            StoredRunFixture.write(store, "eval-examples-20261203-120000-2");
            assertEquals("eval-examples-20261203-120000-3", RunLookup.freeName(store, "eval-examples-20261203-120000"));
        }
    }

    @Test
    void aDefaultNameIsTheDatasetsShortNameNotItsPath() {
        assertEquals("mine", RunLookup.shortName("/tmp/newcomer-mine/mine.lean"));
        assertEquals("examples", RunLookup.shortName("datasets/examples/"));
        assertEquals("minif2f-test", RunLookup.shortName("minif2f-test"));
        assertEquals("my-problems", RunLookup.shortName("my problems.jsonl"));
        assertEquals("", RunLookup.shortName("."));
    }
}
