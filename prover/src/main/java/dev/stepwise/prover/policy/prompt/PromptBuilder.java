package dev.stepwise.prover.policy.prompt;

import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Renders a template and cuts the state until the prompt fits its budget, the same way every time:
 * first the goals after the first, then the oldest tactics of the proof so far (for templates that
 * show them), then hypotheses from the top (the ones farthest from the target), and only as a last
 * resort the end of the target itself. Each step finds the smallest cut that fits by binary search.
 *
 * <p>Search and training export both use this class, so a state is cut identically in both.
 */
public final class PromptBuilder {
    private final PromptTemplate template;
    private final TokenCounter counter;
    private final int budget;

    /** @param budget the most the prompt may measure, in {@code counter}'s unit */
    public PromptBuilder(PromptTemplate template, TokenCounter counter, int budget) {
        this.template = Objects.requireNonNull(template, "template");
        this.counter = Objects.requireNonNull(counter, "counter");
        if (budget < 1) {
            throw new IllegalArgumentException("prompt budget must be >= 1, got " + budget);
        }
        this.budget = budget;
    }

    public PromptTemplate template() {
        return template;
    }

    public TokenCounter counter() {
        return counter;
    }

    public Prompt build(PromptInput input) {
        String text = template.render(input);
        int length = counter.count(text);
        if (length <= budget) {
            return new Prompt(text, length, Truncation.NONE);
        }
        GoalText goals = GoalText.parse(input.state());

        // 1. Keep as many leading goals as fit (at least the first).
        int goalCount = goals.goals().size();
        PromptInput firstOnly = input.withState(goals.firstGoals(1).print());
        if (goalCount > 1) {
            int drop = smallestFitting(goalCount - 1,
                    d -> fits(input.withState(goals.firstGoals(goalCount - d).print())));
            if (drop <= goalCount - 1 && fits(input.withState(goals.firstGoals(goalCount - drop).print()))) {
                return measured(input.withState(goals.firstGoals(goalCount - drop).print()), Truncation.LATER_GOALS);
            }
        }
        PromptInput current = firstOnly;

        // 2. Drop the oldest tactics of the path, if the template shows them.
        List<String> path = current.proofBefore();
        if (template.uses(Placeholder.PROOF_BEFORE) && !path.isEmpty()) {
            PromptInput base = current;
            int drop = smallestFitting(path.size(), d -> fits(base.withProofBefore(path.subList(d, path.size()))));
            PromptInput cut = base.withProofBefore(path.subList(Math.min(drop, path.size()), path.size()));
            if (fits(cut)) {
                return measured(cut, Truncation.PROOF_BEFORE);
            }
            current = cut;
        }

        // 3. Drop hypotheses from the top; the target and the nearest hypotheses stay.
        GoalText.Goal goal = goals.goals().get(0);
        int hyps = goal.hypotheses().size();
        if (hyps > 0) {
            PromptInput base = current;
            int drop = smallestFitting(hyps, d -> fits(base.withState(goal.dropHypotheses(d).print())));
            PromptInput cut = base.withState(goal.dropHypotheses(Math.min(drop, hyps)).print());
            if (fits(cut)) {
                return measured(cut, Truncation.HYPOTHESES);
            }
            current = cut;
        }

        // 4. Cut the end of the target, keeping its beginning: the prompt budget is far too small.
        GoalText.Goal bare = goal.dropHypotheses(hyps);
        String prefix = bare.caseLine().isEmpty() ? "" : bare.caseLine() + "\n";
        String target = bare.target();
        int codePoints = target.codePointCount(0, target.length());
        PromptInput base = current;
        int drop = smallestFitting(codePoints, d -> fits(base.withState(prefix + keepCodePoints(target, codePoints - d))));
        return measured(base.withState(prefix + keepCodePoints(target, codePoints - Math.min(drop, codePoints))),
                Truncation.TARGET);
    }

    private boolean fits(PromptInput input) {
        return counter.count(template.render(input)) <= budget;
    }

    private Prompt measured(PromptInput input, Truncation truncation) {
        String text = template.render(input);
        return new Prompt(text, counter.count(text), truncation);
    }

    /**
     * The smallest d in [0, max] with {@code fits(d)}, assuming that cutting more never makes the
     * prompt longer; max + 1 if even the largest cut does not fit.
     */
    private static int smallestFitting(int max, IntPredicate fits) {
        if (!fits.test(max)) {
            return max + 1;
        }
        int lo = 0;
        int hi = max;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (fits.test(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static String keepCodePoints(String s, int n) {
        return s.substring(0, s.offsetByCodePoints(0, Math.max(0, n)));
    }
}
