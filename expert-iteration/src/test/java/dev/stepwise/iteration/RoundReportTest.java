package dev.stepwise.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figures and the markdown summary read back from what real rounds left. */
class RoundReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static int lines(Path file) throws Exception {
        return Files.readAllLines(file).size();
    }

    @Test
    void figuresAreWhatEachStageLeftAndTheSummaryShowsThem(@TempDir Path dir) throws Exception {
        RoundRunnerTest.Setup s = new RoundRunnerTest.Setup(dir);
        for (int i = 0; i < 3; i++) {
            s.next(RoundRunnerTest.COPY_TRAINER);
        }
        RoundReport report = new RoundReport(s.store, dir, JSON);
        List<RoundFigures> figures = report.figures();
        assertEquals(List.of(1, 2, 3), figures.stream().map(f -> f.round().number()).toList());
        int solved = 0;
        for (RoundFigures f : figures) {
            int n = f.round().number();
            RoundFiles files = s.services.files(n);
            var selection = JSON.readTree(files.path(RoundFiles.SELECTION).toFile());
            assertEquals(new RoundFigures.Selection(60, selection.get("heldOut").size(), solved, selection.get("train").size()),
                    f.selection());
            int proved = s.proved(n);
            assertEquals(proved, f.search().proved());
            solved += proved;
            assertEquals(solved, f.solvedAfter().orElseThrow(), "round " + n);
            Filtered filtered = s.store.examples(n);
            assertEquals(new RoundFigures.Examples(filtered.kept().size(), filtered.dropped().size()), f.examples());
            Path export = files.path(RoundFiles.EXPORT_DIR);
            assertEquals(new RoundFigures.Exported(
                    lines(export.resolve("sft-train.jsonl")) + lines(export.resolve("dpo-train.jsonl"))
                            + lines(export.resolve("critic-train.jsonl")),
                    lines(export.resolve("sft-valid.jsonl")) + lines(export.resolve("dpo-valid.jsonl"))
                            + lines(export.resolve("critic-valid.jsonl"))), f.exported());
            assertEquals(f.round().decision().currentPassRate(), f.evaluation().currentPassRate());
            assertEquals(f.round().decision().candidatePassRate(), f.evaluation().candidatePassRate());
            assertEquals(Optional.of(Duration.ZERO), f.duration());
        }

        String md = report.show(s.store.find(3).orElseThrow());
        RoundFigures third = figures.get(2);
        assertTrue(md.contains(String.format("- statements: pool 60, %d held out, %d solved before, %d selected\n",
                third.selection().heldOut(), third.selection().solvedBefore(), third.selection().selected())), md);
        assertTrue(md.contains(String.format("- examples: %d harvested, %d kept, %d dropped by the filters; %d exported for training,"
                + " %d for validation\n", third.examples().harvested(), third.examples().kept(), third.examples().dropped(),
                third.exported().train(), third.exported().valid())), md);
        assertTrue(md.contains(String.format("- held-out pass rate: current stepwise-round-2 %d/%d", third.evaluation().currentSolved(),
                third.evaluation().total())), md);
        assertTrue(md.contains("| train | completed | trained stepwise-round-3 (sft, lora) on "), md);
        assertTrue(md.contains(" | 0 s |\n"), md);
        int searchable = third.selection().searchable();
        for (RoundFigures f : figures) {
            assertTrue(md.contains(String.format(" %4d new, %d of %d solved\n", f.search().proved(), f.solvedAfter().orElseThrow(),
                    searchable)), md);
        }
        // The summary written at the end of the round is the same text.
        assertEquals(md, Files.readString(s.services.files(3).path(RoundFiles.SUMMARY)));
    }

    @Test
    void aRoundStoppedInTrainHasNoEvaluationYetAndSaysWhereItStopped(@TempDir Path dir) {
        RoundRunnerTest.Setup s = new RoundRunnerTest.Setup(dir);
        assertThrows(IterationException.class, () -> s.next("exit 3"));
        RoundReport report = new RoundReport(s.store, dir, JSON);
        RoundFigures f = report.figures(s.store.find(1).orElseThrow());
        assertTrue(f.exported() != null);
        assertNull(f.evaluation());
        String md = report.show(f.round());
        assertTrue(md.startsWith("# Round 1\n\n- status: failed (stage train)\n"), md);
        assertTrue(!md.contains("held-out pass rate"), md);
        String list = report.list();
        assertTrue(list.lines().skip(1).findFirst().orElseThrow()
                .matches("1\\s+failed\\s+train\\s+" + f.search().proved() + "\\s+base\\s+-\\s+-"), list);
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertEquals("42 s", RoundReport.duration(Duration.ofSeconds(42)));
        assertEquals("3 min 05 s", RoundReport.duration(Duration.ofSeconds(185)));
        assertEquals("2 h 07 min", RoundReport.duration(Duration.ofMinutes(127).plusSeconds(59)));
    }
}
