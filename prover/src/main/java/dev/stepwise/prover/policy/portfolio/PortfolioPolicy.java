package dev.stepwise.prover.policy.portfolio;

import static dev.stepwise.prover.policy.portfolio.GoalFeatures.Feature.*;

import dev.stepwise.prover.policy.portfolio.GoalFeatures.Feature;
import dev.stepwise.search.Candidate;
import dev.stepwise.search.PolicyRequest;
import dev.stepwise.search.Suggestions;
import dev.stepwise.search.TacticPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The CPU policy used when no model server is configured: Lean's automation and a few structural
 * tactics, ranked by features of the first goal (an inequality favours linarith, nlinarith and
 * positivity; natural or integer arithmetic favours omega; an equation of rings favours ring_nf…).
 *
 * <p>Each tactic gets a logit; a softmax over the applicable ones gives probabilities whose logs
 * are the candidates' scores, so the search ranks and budgets them exactly as it would a model's.
 * At temperature 0 the answer is the top of the ranking; above 0 the tactics are drawn without
 * replacement (Gumbel top-k) from the tempered distribution with the request's seed, so attempts
 * with different seeds explore different orders and the same seed repeats itself.
 *
 * <p>It is far weaker than a trained step-prover: it never invents a lemma or a witness.
 */
public final class PortfolioPolicy implements TacticPolicy {

    private record Rule(String tactic, double base, Map<Feature, Double> bonus) {
        double logit(GoalFeatures g) {
            double l = base;
            for (var e : bonus.entrySet()) {
                if (g.has(e.getKey())) {
                    l += e.getValue();
                }
            }
            return l;
        }
    }

    private static Rule rule(String tactic, double base, Object... featureBonus) {
        Map<Feature, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < featureBonus.length; i += 2) {
            m.put((Feature) featureBonus[i], ((Number) featureBonus[i + 1]).doubleValue());
        }
        return new Rule(tactic, base, m);
    }

    private static final List<Rule> RULES = List.of(
            rule("norm_num", 0.5, CLOSED_NUMERAL, 3.0, EQUATION, 0.5, NOT_EQUAL, 1.0, DIVISIBILITY_OR_MOD, 1.0, TRUE, 1.0),
            // Arithmetic closers cannot split a conjunction or an iff: those come after constructor.
            rule("linarith", 0.0, INEQUALITY, 2.5, REAL_OR_RATIONAL, 0.5, HAS_HYPOTHESES, 0.5, EQUATION, 0.3,
                    CONJUNCTION, -2.5, IFF, -2.5),
            rule("positivity", -1.0, INEQUALITY, 2.0, POWER, 0.5, EQUATION, -2.0, CONJUNCTION, -2.5, IFF, -2.5),
            rule("omega", -0.5, NATURAL_OR_INTEGER, 2.5, NONLINEAR_PRODUCT, -2.0, POWER, -1.5, REAL_OR_RATIONAL, -2.0,
                    DIVISIBILITY_OR_MOD, 1.0),
            rule("decide", -1.5, CLOSED_NUMERAL, 2.0, NATURAL_OR_INTEGER, 0.5, REAL_OR_RATIONAL, -2.0, BIG_OPERATOR, 0.5),
            rule("simp", 0.3, BIG_OPERATOR, 1.5, TRUE, 1.0, IFF, 0.5),
            rule("simp_all", -0.5, HAS_HYPOTHESES, 1.0),
            rule("aesop", -0.8, CONJUNCTION, 0.8, IFF, 0.5, EXISTS, 0.5),
            rule("ring_nf", -0.5, EQUATION, 2.0, POWER, 0.5, INEQUALITY, -1.0, DIVISION, -0.5),
            rule("field_simp", -1.5, DIVISION, 2.5, REAL_OR_RATIONAL, 0.5),
            rule("constructor", -2.0, CONJUNCTION, 4.0, IFF, 4.0),
            rule("push_neg", -3.0, NEGATION, 3.5),
            rule("rfl", -1.5, EQUATION, 1.0, INEQUALITY, -2.0),
            rule("trivial", -2.5, TRUE, 5.0),
            rule("tauto", -2.5, CONJUNCTION, 1.0, IFF, 1.0, IMPLICATION, 0.5),
            rule("norm_num at *", -1.5, HAS_HYPOTHESES, 1.0));

    @Override
    public CompletableFuture<Suggestions> suggest(PolicyRequest request) {
        return CompletableFuture.completedFuture(rank(request));
    }

    Suggestions rank(PolicyRequest request) {
        GoalFeatures g = GoalFeatures.of(request.state().goals());
        Map<String, Double> logits = new LinkedHashMap<>();
        for (Rule r : RULES) {
            logits.put(r.tactic(), r.logit(g));
        }
        // Structural moves and lemma-guided nlinarith need names from the goal itself.
        if (g.has(FORALL)) {
            logits.put("intro " + (g.binder().isEmpty() ? "x" : g.binder()), 3.5);
        } else if (g.has(IMPLICATION) || g.has(NEGATION)) {
            logits.put("intro h", g.has(IMPLICATION) ? 3.5 : 1.0);
        }
        double nl = -0.5 + (g.has(INEQUALITY) ? 2.0 : 0) + (g.has(NONLINEAR_PRODUCT) || g.has(POWER) ? 1.0 : 0)
                - (g.has(CONJUNCTION) || g.has(IFF) ? 2.5 : 0);
        logits.put("nlinarith", nl);
        List<String> v = g.variables();
        if (v.size() >= 2 && g.has(INEQUALITY)) {
            String a = v.get(0);
            String b = v.get(1);
            logits.put("nlinarith [sq_nonneg (" + a + " - " + b + "), sq_nonneg (" + a + " + " + b + ")]", nl + 0.3);
        }

        List<Map.Entry<String, Double>> ordered = order(logits, request);
        double logZ = logSumExp(logits.values());
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < Math.min(request.count(), ordered.size()); i++) {
            var e = ordered.get(i);
            out.add(new Candidate(e.getKey(), Math.min(0.0, e.getValue() - logZ), 1));
        }
        return new Suggestions(out, 0, 0);
    }

    private static List<Map.Entry<String, Double>> order(Map<String, Double> logits, PolicyRequest request) {
        List<Map.Entry<String, Double>> entries = new ArrayList<>(logits.entrySet());
        if (request.temperature() == 0) {
            // Stable: equal logits keep the table's order.
            entries.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            return entries;
        }
        SplittableRandom random = new SplittableRandom(request.seed() ^ request.state().key().hashCode());
        Map<String, Double> keys = new LinkedHashMap<>();
        for (var e : entries) {
            double u = random.nextDouble();
            double gumbel = -Math.log(-Math.log(Math.max(u, Double.MIN_VALUE)));
            keys.put(e.getKey(), e.getValue() / request.temperature() + gumbel);
        }
        entries.sort(Comparator.comparing((Map.Entry<String, Double> e) -> keys.get(e.getKey())).reversed());
        return entries;
    }

    private static double logSumExp(java.util.Collection<Double> values) {
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double s = 0;
        for (double x : values) {
            s += Math.exp(x - max);
        }
        return max + Math.log(s);
    }
}
