package dev.stepwise.search;

import java.time.Duration;
import java.util.Objects;

/**
 * The parameters of one best-first search attempt.
 *
 * @param width W, the number of tactics asked of the policy per expansion
 * @param alpha the length normalisation of a state's priority {@code (Σ score) / L^alpha} after L
 *     tactics: 0 is the plain cumulative score (favours short paths), 1 the mean per step, larger
 *     values push the search deeper
 * @param scoreMode how a tactic's score is read off its token log-probabilities
 * @param temperature the policy's sampling temperature
 * @param budgets the attempt's limits
 * @param filter which candidates never reach the environment
 * @param criticMode how a critic's state score orders the frontier
 * @param criticWeight the critic's weight in {@link CriticMode#WEIGHTED}
 */
public record SearchConfig(int width, double alpha, ScoreMode scoreMode, double temperature, Budgets budgets,
        CandidateFilter filter, CriticMode criticMode, double criticWeight) {
    public static final int MAX_WIDTH = 1024;

    public SearchConfig {
        if (width < 1 || width > MAX_WIDTH) {
            throw new IllegalArgumentException("width must be in [1, " + MAX_WIDTH + "], got " + width);
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a finite number >= 0, got " + alpha);
        }
        Objects.requireNonNull(scoreMode, "scoreMode");
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
        }
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(criticMode, "criticMode");
        if (!(criticWeight >= 0) || Double.isInfinite(criticWeight)) {
            throw new IllegalArgumentException("criticWeight must be a finite number >= 0, got " + criticWeight);
        }
    }

    /**
     * The BFS-Prover-V2 release settings: W = 4, alpha = 2.0, mean token score, T = 1.3,
     * 600 s per attempt, its forbidden list, no critic.
     */
    public static SearchConfig defaults() {
        return new SearchConfig(4, 2.0, ScoreMode.MEAN, 1.3, Budgets.unlimited().withMaxTime(Duration.ofSeconds(600)),
                ForbiddenTactics.bfsProverV2(), CriticMode.POLICY_ONLY, 1.0);
    }

    public SearchConfig withWidth(int w) {
        return new SearchConfig(w, alpha, scoreMode, temperature, budgets, filter, criticMode, criticWeight);
    }

    public SearchConfig withAlpha(double a) {
        return new SearchConfig(width, a, scoreMode, temperature, budgets, filter, criticMode, criticWeight);
    }

    public SearchConfig withScoreMode(ScoreMode m) {
        return new SearchConfig(width, alpha, m, temperature, budgets, filter, criticMode, criticWeight);
    }

    public SearchConfig withTemperature(double t) {
        return new SearchConfig(width, alpha, scoreMode, t, budgets, filter, criticMode, criticWeight);
    }

    public SearchConfig withBudgets(Budgets b) {
        return new SearchConfig(width, alpha, scoreMode, temperature, b, filter, criticMode, criticWeight);
    }

    public SearchConfig withFilter(CandidateFilter f) {
        return new SearchConfig(width, alpha, scoreMode, temperature, budgets, f, criticMode, criticWeight);
    }

    public SearchConfig withCritic(CriticMode mode, double weight) {
        return new SearchConfig(width, alpha, scoreMode, temperature, budgets, filter, mode, weight);
    }

    /** The policy part of a state's priority after {@code depth} tactics with summed score {@code pathScore}. */
    double priority(double pathScore, int depth) {
        return depth == 0 ? 0.0 : pathScore / Math.pow(depth, alpha);
    }
}
