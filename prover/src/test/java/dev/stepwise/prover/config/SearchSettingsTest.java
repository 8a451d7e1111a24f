package dev.stepwise.prover.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stepwise.search.AttemptPlan;
import dev.stepwise.search.Budgets;
import dev.stepwise.search.CriticMode;
import dev.stepwise.search.ForbiddenTactics;
import dev.stepwise.search.ScoreMode;
import dev.stepwise.search.SchedulerConfig;
import dev.stepwise.search.SearchConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchSettingsTest {
    @TempDir
    Path dir;

    private SearchSettings settings(Map<String, String> flags) {
        return new SearchSettings(new SettingsLoader(ConfigSchema.standard()).load(null, dir, Map.of(), flags));
    }

    @Test
    void defaultsAreTheBfsProverV2Release() {
        SearchConfig c = settings(Map.of()).searchConfig();
        SearchConfig v2 = SearchConfig.defaults();
        assertEquals(List.of(v2.width(), v2.alpha(), v2.scoreMode(), v2.temperature(), v2.budgets(), v2.criticMode()),
                List.of(c.width(), c.alpha(), c.scoreMode(), c.temperature(), c.budgets(), c.criticMode()));
        assertEquals(ForbiddenTactics.bfsProverV2().rules().size(), ((ForbiddenTactics) c.filter()).rules().size());
        assertEquals(new AttemptPlan(1, List.of(2.0), 0), settings(Map.of()).attemptPlan());
        assertEquals(new SchedulerConfig(64, 64, 64, Duration.ofSeconds(30)),
                settings(Map.of()).schedulerConfig(Duration.ofSeconds(30)));
    }

    @Test
    void everyKeyReachesTheRecords() {
        SearchSettings s = settings(Map.ofEntries(
                Map.entry("search.width", "2"), Map.entry("search.alpha", "0, 0.5, 1"),
                Map.entry("search.score-mode", "sum"), Map.entry("search.temperature", "1.1"),
                Map.entry("search.attempts", "3"), Map.entry("search.seed", "7"),
                Map.entry("search.max-expansions", "600"), Map.entry("search.max-tactics", "5000"),
                Map.entry("search.max-tokens", "100000"), Map.entry("search.time-limit", "0s"),
                Map.entry("search.forbidden-defaults", "false"), Map.entry("search.forbidden", "decide,exact?"),
                Map.entry("search.critic", "weighted"), Map.entry("search.critic-weight", "0.5"),
                Map.entry("search.concurrent-attempts", "8"), Map.entry("search.policy-in-flight", "32"),
                Map.entry("search.lean-in-flight", "4")));
        SearchConfig c = s.searchConfig();
        assertEquals(new SearchConfig(2, 0.0, ScoreMode.SUM, 1.1,
                new Budgets(600, 5000, 100000, Budgets.NO_TIME_LIMIT), c.filter(), CriticMode.WEIGHTED, 0.5), c);
        assertEquals(Optional.of("contains 'decide'"), c.filter().reject("decide"));
        assertEquals(Optional.empty(), c.filter().reject("sorry"));
        assertEquals(new AttemptPlan(3, List.of(0.0, 0.5, 1.0), 7), s.attemptPlan());
        assertEquals(new SchedulerConfig(8, 32, 4, Duration.ZERO), s.schedulerConfig(Duration.ZERO));
    }

    @Test
    void aValueOutOfRangeNamesItsKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> settings(Map.of("search.score-mode", "avg")));
        assertEquals(true, e.getMessage().contains("search.score-mode"), e.getMessage());
    }
}
