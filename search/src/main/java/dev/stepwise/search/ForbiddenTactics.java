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

    /** An underscore standing alone as a term or pattern, not part of a name such as {@code h_1} or {@code ?_}. */
    private static final String BARE_HOLE = "(?<![\\p{L}\\p{N}_'.!?])_(?![\\p{L}\\p{N}_'.!?])";
    private static final String HOLE = "(?:\\?_|" + BARE_HOLE + ")";

    private final List<Rule> rules;

    public ForbiddenTactics(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The default, after the BFS-Prover-V2 release: anything containing {@code sorry},
     * {@code admit} or {@code native_decide} (they prove nothing or leave the kernel), and
     * {@code rcases}, {@code cases'} and {@code simpa} forms that contain a hole ({@code ?_} or a
     * bare {@code _}), which leave goals or metavariables that later tactics cannot see. The
     * release describes the last group only in words; this is our reading of it.
     */
    public static ForbiddenTactics bfsProverV2() {
        return new ForbiddenTactics(List.of(
                Rule.containing("sorry"),
                Rule.containing("admit"),
                Rule.containing("native_decide"),
                Rule.matching("rcases", "\\brcases\\b.*" + HOLE, "rcases with a hole (?_ or _)"),
                Rule.matching("cases'", "(?<![\\p{L}\\p{N}_.])cases'.*" + HOLE, "cases' with a hole (?_ or _)"),
                Rule.matching("simpa", "\\bsimpa\\b.*" + HOLE, "simpa with a hole (?_ or _)")));
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
