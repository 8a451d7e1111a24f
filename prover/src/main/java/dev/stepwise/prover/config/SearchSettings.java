package dev.stepwise.prover.config;

import dev.stepwise.search.AttemptPlan;
import dev.stepwise.search.Budgets;
import dev.stepwise.search.CandidateFilter;
import dev.stepwise.search.CriticMode;
import dev.stepwise.search.ForbiddenTactics;
import dev.stepwise.search.ScoreMode;
import dev.stepwise.search.SchedulerConfig;
import dev.stepwise.search.SearchConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the {@link SearchKeys} of effective settings into the search module's records. */
public final class SearchSettings {
    private final Settings settings;

    public SearchSettings(Settings settings) {
        this.settings = settings;
    }

    /** The configuration of one attempt, with the first alpha (the plan gives each attempt its own). */
    public SearchConfig searchConfig() {
        Budgets budgets = Budgets.unlimited();
        long expansions = settings.longValue(SearchKeys.MAX_EXPANSIONS);
        long tactics = settings.longValue(SearchKeys.MAX_TACTICS);
        long tokens = settings.longValue(SearchKeys.MAX_TOKENS);
        Duration time = settings.duration(SearchKeys.TIME_LIMIT);
        if (expansions > 0) {
            budgets = budgets.withMaxExpansions(expansions);
        }
        if (tactics > 0) {
            budgets = budgets.withMaxTactics(tactics);
        }
        if (tokens > 0) {
            budgets = budgets.withMaxTokens(tokens);
        }
        if (!time.isZero()) {
            budgets = budgets.withMaxTime(time);
        }
        return new SearchConfig(settings.integer(SearchKeys.WIDTH), settings.numbers(SearchKeys.ALPHAS).get(0),
                ScoreMode.valueOf(settings.string(SearchKeys.SCORE_MODE).toUpperCase(Locale.ROOT)),
                settings.number(SearchKeys.TEMPERATURE), budgets, filter(),
                CriticMode.valueOf(settings.string(SearchKeys.CRITIC).replace('-', '_').toUpperCase(Locale.ROOT)),
                settings.number(SearchKeys.CRITIC_WEIGHT));
    }

    public AttemptPlan attemptPlan() {
        return new AttemptPlan(settings.integer(SearchKeys.ATTEMPTS), settings.numbers(SearchKeys.ALPHAS),
                settings.longValue(SearchKeys.SEED));
    }

    /**
     * By default Lean calls are not capped below the attempts running: a call waits in the pool
     * for the process that holds its proof state, and a cap as small as the pool would let a few
     * callers waiting for one busy process leave the others idle.
     *
     * @param closeTimeout how long shutdown waits for attempts (about one tactic timeout)
     */
    public SchedulerConfig schedulerConfig(Duration closeTimeout) {
        int attempts = settings.integer(SearchKeys.CONCURRENT_ATTEMPTS);
        int lean = settings.integer(SearchKeys.LEAN_IN_FLIGHT);
        return new SchedulerConfig(attempts, settings.integer(SearchKeys.POLICY_IN_FLIGHT), lean == 0 ? attempts : lean,
                closeTimeout);
    }

    private CandidateFilter filter() {
        List<ForbiddenTactics.Rule> rules = new ArrayList<>();
        if (settings.flag(SearchKeys.FORBIDDEN_DEFAULTS)) {
            rules.addAll(ForbiddenTactics.bfsProverV2().rules());
        }
        for (String text : settings.strings(SearchKeys.FORBIDDEN_EXTRA)) {
            if (!text.isEmpty()) {
                rules.add(ForbiddenTactics.Rule.containing(text));
            }
        }
        return new ForbiddenTactics(rules);
    }
}
