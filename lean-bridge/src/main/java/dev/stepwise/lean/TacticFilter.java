package dev.stepwise.lean;

import java.util.List;
import java.util.Optional;

/**
 * Refuses text containing a forbidden word before it reaches Lean. Text and words are read as
 * Lean tokens ({@link LeanText#tokens}): a name matches an identifier having those parts in a
 * row, however it is qualified or escaped ({@code ofReduceBool} matches
 * {@code _root_.Lean.ofReduceBool}, {@code skipKernelTC} matches {@code debug.«skipKernelTC»}),
 * never a longer name that merely contains the letters ({@code sorry_free}, {@code axiom_of_choice},
 * {@code Lean.Elab}); a phrase matches its tokens in a row with any spacing ({@code decide +native},
 * {@code native := true}). A cheap first line, not a proof check: the acceptance gate's axiom
 * audit on Lean's own answer is what catches cheats.
 */
public final class TacticFilter {
    /**
     * Tactics that prove anything, skip the kernel or trust the compiler, run arbitrary code, or
     * change the environment (commands have no place in a proof). {@code decide +native} and
     * {@code (config := {native := true})} are {@code native_decide} in the configuration syntax of
     * {@code decide} (all rest on the axiom {@code Lean.ofReduceBool}).
     */
    public static final List<String> DEFAULT_FORBIDDEN = List.of("sorry", "admit", "sorryAx", "native_decide",
            "decide +native", "native := true", "ofReduceBool", "ofReduceNat", "trustCompiler", "bv_decide",
            "skipKernelTC", "run_tac", "run_cmd", "run_elab", "run_meta", "by_elab", "#eval", "#exit",
            "implemented_by", "extern", "unsafe", "unsafeCast", "unsafeBaseIO", "unsafeIO", "unsafeEIO", "import",
            "axiom", "macro", "macro_rules", "syntax", "elab", "elab_rules", "notation", "decide := true");

    private final List<Rule> rules;

    private record Rule(String word, List<LeanText.Token> tokens) {
    }

    public TacticFilter(List<String> forbidden) {
        this.rules = forbidden.stream().map(TacticFilter::compile).toList();
    }

    public static TacticFilter defaults() {
        return new TacticFilter(DEFAULT_FORBIDDEN);
    }

    /** The reason the text is refused, or empty if it passes. */
    public Optional<String> check(String text) {
        List<LeanText.Token> tokens = LeanText.tokens(text);
        return rules.stream().filter(r -> occurs(r.tokens(), tokens)).findFirst()
                .map(r -> "forbidden: contains `" + r.word() + "`");
    }

    /** Every forbidden word the text contains (the gate lists them all). */
    public List<String> findAll(String text) {
        List<LeanText.Token> tokens = LeanText.tokens(text);
        return rules.stream().filter(r -> occurs(r.tokens(), tokens)).map(Rule::word).toList();
    }

    private static Rule compile(String word) {
        if (word.isBlank()) {
            throw new IllegalArgumentException("a forbidden word is blank");
        }
        return new Rule(word.strip(), LeanText.tokens(word));
    }

    private static boolean occurs(List<LeanText.Token> word, List<LeanText.Token> text) {
        for (int start = 0; start + word.size() <= text.size(); start++) {
            boolean all = true;
            for (int k = 0; k < word.size() && all; k++) {
                all = matches(word.get(k), text.get(start + k));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** An identifier matches one whose parts contain its parts in a row; anything else matches itself. */
    private static boolean matches(LeanText.Token word, LeanText.Token text) {
        if (word.kind() != text.kind()) {
            return false;
        }
        if (word.kind() != LeanText.Kind.IDENT) {
            return word.text().equals(text.text());
        }
        List<String> want = word.parts();
        List<String> have = text.parts();
        for (int at = 0; at + want.size() <= have.size(); at++) {
            if (have.subList(at, at + want.size()).equals(want)) {
                return true;
            }
        }
        return false;
    }
}
