package dev.stepwise.prover.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.iteration.PromotionRule;
import dev.stepwise.iteration.RoundSearcher;
import dev.stepwise.iteration.RoundSettings;
import dev.stepwise.prover.config.ConfigException;
import dev.stepwise.prover.config.ConfigSchema;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.config.SettingsLoader;
import dev.stepwise.search.Theorem;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The promotion keys reach the round's rule, and every search of a round samples with the seed the round chose. */
class RoundSeedsAndPromotionSettingsTest {
    @TempDir
    Path dir;

    private Settings settings(Map<String, String> flags) {
        Map<String, String> all = new HashMap<>(Map.of("model.name", "base"));
        all.putAll(flags);
        return new SettingsLoader(ConfigSchema.standard()).load(null, dir, Map.of(), all);
    }

    @Test
    void thePromotionKeysAndTheSeedReachTheRoundsSettings() {
        RoundSettings defaults = IterationConfig.roundSettings(settings(Map.of()));
        assertEquals(new PromotionRule(0.0, 20, 0.95), defaults.promotionRule());
        assertEquals(0L, defaults.seed());
        RoundSettings set = IterationConfig.roundSettings(settings(Map.of("iterate.min-held-out", "50",
                "iterate.promotion-confidence", "0.9", "iterate.promotion-margin", "0.01", "search.seed", "7")));
        assertEquals(new PromotionRule(0.01, 50, 0.9), set.promotionRule());
        assertEquals(7L, set.roundSeed(1));
        assertEquals(2_000_007L, set.roundSeed(3));
        ConfigException e = assertThrows(ConfigException.class, () -> settings(Map.of("iterate.promotion-confidence", "1")));
        assertTrue(e.getMessage().contains("iterate.promotion-confidence"), e.getMessage());
        assertThrows(ConfigException.class, () -> settings(Map.of("iterate.min-held-out", "-1")));
    }

    @Test
    void aJobSearchesWithItsOwnSeedWhateverSearchSeedSays() {
        Settings s = settings(Map.of("search.seed", "5", "iterate.eval-budget", "1x2x8"));
        List<Theorem> none = List.of();
        Map<String, String> current = EvalRoundSearcher.overrides(s, new RoundSearcher.Job(2, "round-2-evaluate-current",
                RoundSearcher.Purpose.EVALUATE, "base", none, 1_000_005L));
        Map<String, String> candidate = EvalRoundSearcher.overrides(s, new RoundSearcher.Job(2, "round-2-evaluate-candidate",
                RoundSearcher.Purpose.EVALUATE, "stepwise-round-2", none, 1_000_005L));
        assertEquals("1000005", current.get("search.seed"));
        // The same seed and budget for both models; only the model differs.
        Map<String, String> withoutModel = new HashMap<>(candidate);
        withoutModel.put("model.name", "base");
        assertEquals(current, withoutModel);
        assertEquals("8", current.get("search.max-expansions"));
    }
}
