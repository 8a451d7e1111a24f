package dev.stepwise.prover.rounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stepwise.iteration.Conjecture;
import dev.stepwise.iteration.ConjectureVerdict;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.TestEngine;
import dev.stepwise.search.Theorem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The conjectures table on SQLite and PostgreSQL: every verdict stored and read back with its lineage, a round's set replaced whole. */
@ParameterizedClass
@EnumSource(TestEngine.class)
class ConjectureRepositoryTest {
    @Parameter
    TestEngine engine;
    @TempDir
    Path dir;
    private TestEngine.Place place;
    private Store store;

    @BeforeEach
    void open() {
        place = engine.place(dir);
        store = place.open();
    }

    @AfterEach
    void close() {
        try (TestEngine.Place p = place) {
            if (store != null) {
                store.close();
            }
        }
    }

    private static Conjecture conjecture(int round, int n, ConjectureVerdict verdict, int attempts, int proved) {
        String name = "StepwiseConjecture.r" + round + "_c" + n;
        return new Conjecture(round, new Theorem(name, "import Mathlib\n", "theorem " + name + " (x : ℕ) : x + " + n + " = " + n
                + " + x := by"), "theorem mine (x : ℕ) : x + " + n + " = " + n + " + x := by", "mathd_algebra_" + n, "attempt-" + n,
                "theorem mathd_algebra_" + n + " : 1 = 1 := by\n  rfl", verdict, verdict == ConjectureVerdict.REFUSED
                        ? "forbidden: contains `sorryAx`" : "", attempts, proved);
    }

    @Test
    void everyVerdictIsStoredWithItsLineageAndARoundIsReplacedWhole() {
        ConjectureRepository repo = new ConjectureRepository(store);
        List<Conjecture> first = List.of(conjecture(1, 1, ConjectureVerdict.NOT_ELABORATING, 0, 0),
                conjecture(1, 2, ConjectureVerdict.DUPLICATE, 0, 0), conjecture(1, 3, ConjectureVerdict.REFUSED, 0, 0),
                conjecture(1, 4, ConjectureVerdict.UNPROVABLE, 4, 0), conjecture(1, 5, ConjectureVerdict.TOO_HARD, 8, 1),
                conjecture(1, 6, ConjectureVerdict.TOO_EASY, 4, 4), conjecture(1, 10, ConjectureVerdict.KEPT, 4, 1));
        repo.record(1, first);
        repo.record(2, List.of(conjecture(2, 1, ConjectureVerdict.KEPT, 4, 1)));
        assertEquals(first, repo.of(1));
        assertEquals(first, repo.before(2));
        // a resumed stage records its round again: the old set goes, the new one stays
        repo.record(1, first.subList(5, 7));
        assertEquals(first.subList(5, 7), repo.of(1));
        assertEquals(3, repo.before(3).size());
        assertEquals(List.of("mathd_algebra_10"), repo.of(1).stream().filter(c -> c.verdict() == ConjectureVerdict.KEPT)
                .map(Conjecture::seedProblem).toList());
    }

    @Test
    void aConjectureOfAnotherRoundIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ConjectureRepository(store).record(2, List.of(conjecture(1, 1, ConjectureVerdict.KEPT, 4, 1))));
        assertEquals("conjecture StepwiseConjecture.r1_c1 is of round 1, not 2", e.getMessage());
    }
}
