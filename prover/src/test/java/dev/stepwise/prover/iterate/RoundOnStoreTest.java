package dev.stepwise.prover.iterate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.iteration.Curriculum;
import dev.stepwise.iteration.ExampleKind;
import dev.stepwise.iteration.PerplexityBand;
import dev.stepwise.iteration.SearchedAttempt;
import dev.stepwise.iteration.TrainerSettings;
import dev.stepwise.iteration.TrainingChoices;
import dev.stepwise.prover.critic.CriticPrompt;
import dev.stepwise.prover.config.ConfigException;
import dev.stepwise.iteration.Difficulty;
import dev.stepwise.iteration.ModelServing;
import dev.stepwise.iteration.Promotion;
import dev.stepwise.iteration.RoundRecord;
import dev.stepwise.iteration.RoundRequest;
import dev.stepwise.iteration.RoundRunner;
import dev.stepwise.iteration.RoundSearcher;
import dev.stepwise.iteration.RoundServices;
import dev.stepwise.iteration.RoundSettings;
import dev.stepwise.iteration.RoundStatus;
import dev.stepwise.iteration.SearchedProblem;
import dev.stepwise.iteration.TacticScorer;
import dev.stepwise.iteration.TrainerLauncher;
import dev.stepwise.iteration.Verdict;
import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.config.ConfigSchema;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.policy.prompt.CharCounter;
import dev.stepwise.prover.policy.prompt.PromptBuilder;
import dev.stepwise.prover.policy.prompt.PromptTemplate;
import dev.stepwise.prover.rounds.FilterDecision;
import dev.stepwise.prover.rounds.RoundRepository;
import dev.stepwise.prover.rounds.TrainingExampleRepository;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.rounds.StoreProblemHistory;
import dev.stepwise.prover.rounds.StoreRoundStore;
import dev.stepwise.prover.rounds.TrainingExample;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.Status;
import dev.stepwise.search.Theorem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.OptionalInt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rounds recorded in the real SQLite store, and shown by 'stepwise rounds'. */
class RoundOnStoreTest {
    private static final String TRAINER = "mkdir -p {output_dir} && cp {train_file} {output_dir}/adapter.jsonl";

    /** Statement i needs skill i % 10; the base model has 4, round N's checkpoint 4 + 3N once loaded. */
    static final class World implements RoundSearcher, ModelServing {
        final Map<String, Integer> loaded = new HashMap<>();

        @Override
        public List<SearchedProblem> search(Job job) {
            int skill = job.purpose() == Purpose.PREPASS ? 1 : job.model().equals("base") ? 4 : loaded.get(job.model());
            List<SearchedProblem> out = new ArrayList<>();
            for (Theorem t : job.problems()) {
                int need = Integer.parseInt(t.name().substring(1)) % 10;
                boolean proved = need < skill;
                List<EdgeRecord> edges = List.of(
                        new EdgeRecord(0, EdgeRecord.NO_NODE, "bad", -2, 1, -2, EdgeKind.LEAN_ERROR, "unknown tactic", 0),
                        new EdgeRecord(0, 1, "intro " + t.name() + (need > 5 ? " with a long tail" : ""), -0.3 * (need + 1), 3,
                                -0.3 * (need + 1), EdgeKind.PROGRESS, "", 0),
                        proved ? new EdgeRecord(1, EdgeRecord.NO_NODE, "simp", -0.1, 1, -0.1, EdgeKind.PROOF_COMPLETE, "", 0)
                                : new EdgeRecord(1, EdgeRecord.NO_NODE, "simp", -0.1, 1, -0.1, EdgeKind.LEAN_ERROR, "simp failed", 0));
                List<NodeRecord> nodes = List.of(
                        new NodeRecord(0, "⊢ " + t.name(), 1, Status.OPEN, 0, 0, NodeRecord.UNPROVED, 0, 0),
                        new NodeRecord(1, "h : " + t.name() + "\n⊢ done", 1, Status.OPEN, 1, 0, NodeRecord.UNPROVED, 1, 0));
                out.add(new SearchedProblem(t, Difficulty.REGULAR, List.of(new SearchedAttempt(t.name() + "#0",
                        proved ? Verdict.ACCEPTED : Verdict.NO_PROOF, new RecordedTree(nodes, edges)))));
            }
            return out;
        }

        @Override
        public void load(Checkpoint checkpoint) {
            loaded.put(checkpoint.name(), 4 + 3 * Integer.parseInt(checkpoint.name().substring("stepwise-round-".length())));
        }
    }

    private static List<Theorem> pool() {
        List<Theorem> out = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            out.add(new Theorem("p" + i, "import Mathlib", "theorem p" + i + " : Q" + i + " := by"));
        }
        return out;
    }

    @Test
    void roundsAreRecordedInTheStoreWithTheirExamplesAndShownByTheCli(@TempDir Path dir) {
        Path db = dir.resolve("stepwise.db");
        ConfigException noModel = assertThrows(ConfigException.class,
                () -> IterationConfig.roundSettings(Settings.defaults(ConfigSchema.standard())));
        assertEquals("iterate.base-model and model.name are both empty; set iterate.base-model to the model rounds start from",
                noModel.getMessage());
        RoundSettings roundSettings = new RoundSettings("base", 30, Curriculum.FEWEST_ATTEMPTS, 0.2, 0.0,
                new PerplexityBand(0.1, 0.1), TrainingChoices.EasyProofs.EXCLUDE, TrainingChoices.Prepass.ON, 0.0, 0, 0.0,
                new TrainerSettings(TRAINER, TrainingChoices.Method.SFT, TrainingChoices.Finetune.LORA,
                        TrainingChoices.Mode.RETRAIN_FROM_BASE, 3, 2e-5, 16, 32), 0L);
        World world = new World();
        TacticScorer scorer = (model, requests) -> requests.stream()
                .map(r -> new TacticScorer.Score(-0.01 * r.completion().length(), 1)).toList();
        try (Store store = Store.open(db, Duration.ofSeconds(5))) {
            StoreRoundStore rounds = new StoreRoundStore(store);
            RoundServices services = new RoundServices(rounds, world, new StoreProblemHistory(store, ""), ts -> List.of(), scorer,
                    new TemplatePromptRenderer(new PromptBuilder(PromptTemplate.named("bfs-prover"), new CharCounter(), 4000),
                            OptionalInt.empty(), CriticPrompt.INTERNLM25_STEPPROVER),
                    world, new TrainerLauncher(Map.of()), new ObjectMapper(), InstantSource.fixed(Instant.parse("2026-11-22T03:00:00Z")),
                    dir);
            RoundRunner runner = new RoundRunner(services);
            RoundRecord first = runner.run(new RoundRequest(0, RoundRequest.Resume.NEW, "gen-50", pool(), roundSettings));
            assertEquals(RoundStatus.COMPLETED, first.status());
            assertEquals(10, first.stages().size());
            assertEquals(Promotion.PROMOTED, first.decision().promotion());
            assertEquals("stepwise-round-1", first.candidateModel());

            List<TrainingExample> sft = new TrainingExampleRepository(store).forRound(new RoundRepository(store).find(1).orElseThrow().id(), ExampleKind.SFT);
            assertTrue(!sft.isEmpty());
            // Kept examples were scored; the band (10% each side) dropped some at both ends; easy ones went unscored.
            assertTrue(sft.stream().filter(e -> e.filter().decision() == FilterDecision.KEPT)
                    .allMatch(e -> e.filter().perplexity() != null && e.filter().perplexity() >= 1));
            assertEquals(java.util.Set.of("perplexity below the band", "perplexity above the band",
                    "easy problem (solved by the pre-pass)"), sft.stream().filter(e -> e.filter().decision() == FilterDecision.DROPPED)
                    .map(e -> e.filter().dropReason()).collect(java.util.stream.Collectors.toSet()));
            assertTrue(sft.stream().anyMatch(e -> e.filter().decision() == FilterDecision.KEPT));
            assertTrue(sft.getFirst().content().prompt().endsWith(":::"), sft.getFirst().content().prompt());
            // The second round does not harvest again what the first one kept.
            java.util.Set<String> kept = rounds.keptHashesBefore(2);
            assertTrue(sft.stream().filter(e -> e.filter().decision() == FilterDecision.KEPT)
                    .allMatch(e -> kept.contains(new dev.stepwise.iteration.Example.Sft(e.sourceProblem(), "", e.content().prompt(),
                            ((dev.stepwise.prover.rounds.ExampleContent.Completion) e.content()).completion()).contentHash())));
            RoundRecord second = runner.run(new RoundRequest(0, RoundRequest.Resume.NEW, "gen-50", pool(), roundSettings));
            assertEquals("stepwise-round-1", second.currentModel());
        }
        CliHarness cli = new CliHarness(dir);
        var list = cli.run("--set", "store.path=" + db, "--set", "iterate.data-dir=" + dir, "rounds", "list");
        assertEquals(0, list.exitCode(), list.err());
        String[] lines = list.out().split("\n");
        assertEquals(3, lines.length, list.out());
        assertTrue(lines[0].startsWith("round  status"), lines[0]);
        assertTrue(lines[1].matches("1\\s+completed\\s+promote\\s+\\d+\\s+base\\s+stepwise-round-1\\s+promoted \\(.*"), lines[1]);
        var show = cli.run("--set", "store.path=" + db, "--set", "iterate.data-dir=" + dir, "rounds", "show", "2");
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().startsWith("# Round 2\n\n- status: completed (stage promote)\n- pool: gen-50\n"
                + "- model in service at the start: stepwise-round-1\n"), show.out());
        assertTrue(show.out().contains("| train | completed | trained stepwise-round-2 (sft, lora) on "), show.out());
        assertTrue(show.out().contains("Files: " + dir.resolve("rounds").resolve("round-0002")), show.out());
        var report = cli.run("--set", "store.path=" + db, "--set", "iterate.data-dir=" + dir, "rounds", "report", "--out", "html");
        assertEquals(0, report.exitCode(), report.err());
        // The learning curve first (one line per round, totals rising), then where the page went.
        String[] reportLines = report.out().split("\n");
        assertEquals(4, reportLines.length, report.out());
        assertEquals("Statements solved in total after each round ('#' before it, '+' by it):", reportLines[0]);
        assertTrue(reportLines[1].matches("round   1 \\| [#+ ]{40} +\\d+ new, \\d+ of \\d+ solved"), reportLines[1]);
        assertTrue(reportLines[2].startsWith("round   2 | "), reportLines[2]);
        assertEquals("wrote " + dir.resolve("html").resolve("rounds.html"), reportLines[3]);
        String html = assertDoesNotThrow(() -> java.nio.file.Files.readString(dir.resolve("html").resolve("rounds.html")));
        // One point per round on the solved curve, and the pass rates of both models for each.
        assertEquals(2, html.split("<circle class=\"pt cumulative", -1).length - 1);
        assertEquals(2, html.split("<rect class=\"bar candidate", -1).length - 1);
        assertTrue(html.contains("<td>" + dir.resolve("rounds") + "</td>"), html);
        var missing = cli.run("--set", "store.path=" + db, "rounds", "show", "9");
        assertEquals(2, missing.exitCode());
        assertEquals("stepwise: there is no round 9 (see 'stepwise rounds list')\n", missing.err());
    }

    @Test
    void withNoDatabaseThereAreNoRoundsAndNothingIsCreated(@TempDir Path dir) {
        var list = new CliHarness(dir).run("--set", "store.path=" + dir.resolve("none.db"), "rounds", "list");
        assertEquals(0, list.exitCode());
        assertEquals("no rounds yet; start one with 'stepwise iterate --pool DATASET --next'\n", list.out());
        var report = new CliHarness(dir).run("--set", "store.path=" + dir.resolve("none.db"), "rounds", "report", "--out", "r");
        assertEquals(2, report.exitCode());
        assertEquals("stepwise: there are no rounds to report yet; start one with 'stepwise iterate --pool DATASET --next'\n",
                report.err());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("none.db")));
    }
}
