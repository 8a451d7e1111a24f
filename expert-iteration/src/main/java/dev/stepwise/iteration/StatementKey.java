package dev.stepwise.iteration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What two statements share when one is the other up to whitespace and alpha-renaming: the
 * declaration's name dropped, every name a binder introduces (theorem arguments {@code (a b : ℕ)},
 * {@code {x}}, {@code [h : P]}, {@code ⦃y⦄}, and {@code ∀ x y,}, {@code ∃ x,}, {@code fun x =>},
 * {@code λ x,}) replaced by its position among the binders, and all whitespace removed. STP
 * deduplicates by the text with spaces and newlines removed alone; renaming the binders as well
 * also catches the conjecturer's most common copy, a pool statement with its variables renamed.
 * A cheap key, not a proof of equality: two keys that differ may still state the same thing.
 */
final class StatementKey {
    private static final Pattern DECL = Pattern.compile("^\\s*(?:theorem|lemma|example)\\s*(«[^»]*»|[^\\s(\\[{⦃:]+)?");
    /** A bracketed binder group: names, then a colon (an instance binder may have no names). */
    private static final Pattern GROUP = Pattern.compile("[(\\[{⦃]\\s*([^()\\[\\]{}⦃⦄:]+?)\\s*:");
    /** A quantifier or lambda and the names it binds (up to its comma, colon or arrow). */
    private static final Pattern QUANT = Pattern.compile("(?:∀|∃!?|fun|λ|Σ|∑|∏)\\s+([^,:=>↦]+?)\\s*(?:,|:|=>|↦)");
    private static final Pattern IDENT = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_'!?.₀-₉]*");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private StatementKey() {
    }

    static String of(String statement) {
        String text = statement.strip();
        Matcher decl = DECL.matcher(text);
        if (decl.find()) {
            text = text.substring(decl.end());
        }
        text = text.replaceFirst(":=\\s*by\\s*$", "");
        List<String> binders = new ArrayList<>();
        for (Pattern p : List.of(GROUP, QUANT)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                for (String name : SPACE.split(m.group(1).strip())) {
                    if (IDENT.matcher(name).matches() && !binders.contains(name)) {
                        binders.add(name);
                    }
                }
            }
        }
        Map<String, String> renamed = new HashMap<>();
        // Numbered in order of first appearance in the text, so two orders of finding give one key.
        Matcher ids = IDENT.matcher(text);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (ids.find()) {
            String name = ids.group();
            out.append(text, at, ids.start());
            if (binders.contains(name)) {
                out.append(renamed.computeIfAbsent(name, n -> "#" + renamed.size()));
            } else {
                out.append(name);
            }
            at = ids.end();
        }
        out.append(text.substring(at));
        return SPACE.matcher(out).replaceAll("");
    }
}
