package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.search.AttemptMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A sketch attempt (mode 'sketch', V9) and its holes, written and read back on SQLite and on PostgreSQL. */
@ParameterizedClass
@EnumSource(TestEngine.class)
class SketchHolesStoreTest {
    @Parameter
    TestEngine engine;
    @TempDir
    Path dir;

    @Test
    void aSketchAttemptKeepsItsModeAndItsHolesInOrder() {
        try (TestEngine.Place place = engine.place(dir); Store store = place.open()) {
            RunId run = store.runs().create(Samples.run("sketches")).id();
            store.problems().add(run, Samples.problems(1));
            NewAttempt plain = Samples.provedAttempt(run, "p0000", 0, 3, "g");
            NewAttempt sketch = new NewAttempt(plain.run(), plain.problem(), plain.index(), plain.seed(), plain.alpha(),
                    plain.outcome(), plain.counts(), plain.timings(), plain.startedAt(), plain.endedAt(), plain.tree(),
                    AttemptMode.SKETCH, 2, 0);
            List<SketchHole> holes = List.of(
                    new SketchHole(1, 1, "x : ℝ\n⊢ 0 < x", SketchHole.Status.PROVED, List.of("positivity", "linarith"), 4, "step search"),
                    new SketchHole(0, 0, "⊢ False", SketchHole.Status.FAILED, List.of(), 12, "FRONTIER_EXHAUSTED: none"),
                    new SketchHole(1, 0, "⊢ 0 ≤ 1", SketchHole.Status.CACHED, List.of("norm_num"), 0, "solved earlier"),
                    new SketchHole(0, 1, "⊢ True", SketchHole.Status.SKIPPED, List.of(), 0, "hole 1 was not proved"));
            long id = store.attempts().recordSketch(sketch, holes);
            Attempt back = store.attempts().find(id).orElseThrow();
            assertEquals(AttemptMode.SKETCH, back.mode());
            assertEquals(2, back.samples());
            assertEquals(List.of(holes.get(1), holes.get(3), holes.get(2), holes.get(0)), store.attempts().holes(id));
        }
    }
}
