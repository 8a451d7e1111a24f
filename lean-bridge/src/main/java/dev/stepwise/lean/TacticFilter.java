package dev.stepwise.lean;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses text containing a forbidden word before it reaches Lean. Words match whole tokens
 * ({@code sorry} but not {@code sorry_lemma_name}); a phrase matches with any spacing. A cheap
 * prefilter, not a proof check: the acceptance gate's axiom audit is what catches cheats.
 */
public final class TacticFilter {
    /** Tactics that prove anything, skip the kernel, run arbitrary code or change the environment. */
    public static final List<String> DEFAULT_FORBIDDEN = List.of("sorry", "admit", "native_decide", "run_tac",
            "run_cmd", "run_elab", "#eval", "#exit", "set_option debug.skipKernelTC", "implemented_by", "extern",
            "unsafe", "import", "axiom", "sorryAx", "Lean.ofReduceBool", "Lean.trustCompiler", "macro", "syntax",
            "elab", "decide := true");

    private final List<Rule> rules;

    private record Rule(String word, Pattern pattern) {
    }

    public TacticFilter(List<String> forbidden) {
        this.rules = forbidden.stream().map(w -> new Rule(w, compile(w))).toList();
    }

    public static TacticFilter defaults() {
        return new TacticFilter(DEFAULT_FORBIDDEN);
    }

    /** The reason the text is refused, or empty if it passes. */
    public Optional<String> check(String text) {
        for (Rule r : rules) {
            if (r.pattern().matcher(text).find()) {
                return Optional.of("forbidden: contains `" + r.word() + "`");
            }
        }
        return Optional.empty();
    }

    /** Every forbidden word the text contains (the gate lists them all). */
    public List<String> findAll(String text) {
        return rules.stream().filter(r -> r.pattern().matcher(text).find()).map(Rule::word).toList();
    }

    private static Pattern compile(String word) {
        if (word.isBlank()) {
            throw new IllegalArgumentException("a forbidden word is blank");
        }
        String[] parts = word.strip().split("\\s+");
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("\\s+");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        // a token boundary: not inside a longer identifier (letters, digits, _, ', .)
        String before = Character.isLetterOrDigit(word.strip().charAt(0)) ? "(?<![\\w.'])" : "";
        char last = word.strip().charAt(word.strip().length() - 1);
        String after = Character.isLetterOrDigit(last) ? "(?![\\w'])" : "";
        return Pattern.compile(before + regex + after, Pattern.UNICODE_CHARACTER_CLASS);
    }
}
