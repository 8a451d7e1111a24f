package dev.stepwise.search;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link CandidateFilter} made of rules: a tactic is dropped when it contains a rule's trigger
 * text and, for rules with a pattern, the pattern is also found in it. The trigger is a cheap
 * substring test that keeps regular expressions off the hot path of every candidate.
 */
public final class ForbiddenTactics implements CandidateFilter {

    /** One forbidden form; {@code pattern} null means the trigger alone forbids. */
    public record Rule(String trigger, Pattern pattern, String reason) {
        public Rule {
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(reason, "reason");
            if (trigger.isEmpty()) {
                throw new IllegalArgumentException("a rule's trigger must not be empty");
            }
        }

        public static Rule containing(String text) {
            return new Rule(text, null, "contains '" + text + "'");
        }

        public static Rule matching(String trigger, String regex, String reason) {
            return new Rule(trigger, Pattern.compile(regex), reason);
        }

        boolean forbids(String tactic) {
            return tactic.contains(trigger) && (pattern == null || pattern.matcher(tactic).find());
        }
    }

    private final List<Rule> rules;

    public ForbiddenTactics(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The filter of BFS-Prover-V2's released search, test for test (ByteDance-Seed/BFS-Prover-V2,
     * {@code src/search/prover_manager.py}, {@code TacticGenerator.generate}; read at commit
     * 6118f5f4 of a fork that carries the release unchanged, see docs/evidence/model-servers.md).
     * The release checks plain substrings of the whole tactic text: it drops anything containing
     * {@code sorry}, {@code admit} or {@code native_decide}; anything that contains one of
     * {@code rcases}, {@code cases'}, {@code simpa} together with {@code ?_}; and anything that
     * contains {@code simpa} together with one of {@code " _"}, {@code "_ "}, {@code "_,"},
     * {@code ",_"}. A bare {@code _} in {@code rcases} or {@code cases'} patterns (such as
     * {@code rcases h with ⟨x, _⟩}) is valid Lean and passes, as it does in the release.
     */
    public static ForbiddenTactics bfsProverV2() {
        return new ForbiddenTactics(List.of(
                Rule.containing("sorry"),
                Rule.containing("admit"),
                Rule.containing("native_decide"),
                // Substring tests, as the release makes them: Pattern.quote keeps "cases'" and "?_" literal.
                Rule.matching("?_", Pattern.quote("rcases") + "|" + Pattern.quote("cases'") + "|" + Pattern.quote("simpa"),
                        "rcases, cases' or simpa with ?_"),
                Rule.matching("simpa", Pattern.quote(" _") + "|" + Pattern.quote("_ ") + "|" + Pattern.quote("_,") + "|"
                        + Pattern.quote(",_"), "simpa with a placeholder _")));
    }

    public List<Rule> rules() {
        return rules;
    }

    @Override
    public Optional<String> reject(String tactic) {
        for (Rule rule : rules) {
            if (rule.forbids(tactic)) {
                return Optional.of(rule.reason());
            }
        }
        return Optional.empty();
    }
}
