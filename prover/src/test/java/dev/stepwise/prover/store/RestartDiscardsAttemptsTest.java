package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.prover.eval.StoredRunFixture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestEngine.class)
class RestartDiscardsAttemptsTest {
    @Parameter
    TestEngine engine;
    @TempDir
    Path dir;
    @AutoClose
    TestEngine.Place place;

    @BeforeEach
    void place() {
        place = engine.place(dir);
    }

    @Test
    void startingAProblemAgainDiscardsTheAttemptsOfItsEarlierStart() {
        try (Store store = place.open()) {
            Run run = StoredRunFixture.write(store, "r");
            assertEquals(2, store.attempts().forProblem(run.id(), "mathd_algebra_1").size());
            store.problems().start(run.id(), "mathd_algebra_1", StoredRunFixture.T0.plusSeconds(60));
            assertEquals(0, store.attempts().forProblem(run.id(), "mathd_algebra_1").size());
            assertEquals(1, store.attempts().forProblem(run.id(), "easy").size(), "other problems keep theirs");
            assertEquals(ProblemStatus.RUNNING, store.problems().list(run.id()).get(1).status());
        }
    }
}
