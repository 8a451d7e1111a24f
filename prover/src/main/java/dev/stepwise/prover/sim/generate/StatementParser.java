package dev.stepwise.prover.sim.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a formal statement ({@code theorem name (x : ℝ) (h₀ : 0 < x) : target := by}) into its
 * root goal. Binders become hypotheses, instance binders become {@code inst✝}, and the text is
 * respaced the way Lean's pretty printer prints it. It aims at realistic text, not at Lean's
 * exact output (which needs elaboration).
 */
final class StatementParser {
    private static final Pattern HEAD = Pattern.compile("^\\s*(?:theorem|lemma)\\s+\\S+|^\\s*example");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern TIGHT_BINARY = Pattern.compile("(?<=[\\w)\\]₀-₉'])\\s*([\\^*/+-]|=|≠|≤|≥)\\s*(?=[\\w(\\[√↑-])");

    /** Parses the statement; a statement it cannot read gives an {@link IllegalArgumentException}. */
    Goal rootGoal(String statement) {
        String s = statement.stripTrailing();
        if (!s.endsWith(":= by")) {
            throw new IllegalArgumentException("statement does not end in ':= by'");
        }
        s = s.substring(0, s.length() - ":= by".length());
        Matcher head = HEAD.matcher(s);
        if (!head.find()) {
            throw new IllegalArgumentException("statement does not start with theorem, lemma or example");
        }
        int i = head.end();
        List<Hypothesis> hyps = new ArrayList<>();
        int instances = 0;
        while (true) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                throw new IllegalArgumentException("statement has no ':' before its type");
            }
            char c = s.charAt(i);
            if (c == ':') {
                String target = pretty(s.substring(i + 1));
                if (target.isEmpty()) {
                    throw new IllegalArgumentException("statement has an empty type");
                }
                return new Goal("", hyps, target);
            }
            char close = switch (c) {
                case '(' -> ')';
                case '{' -> '}';
                case '[' -> ']';
                case '⦃' -> '⦄';
                default -> throw new IllegalArgumentException("unexpected '" + c + "' among the binders");
            };
            int end = matching(s, i, c, close);
            String inner = s.substring(i + 1, end);
            int colon = topLevelColon(inner);
            if (colon < 0) {
                if (c != '[') {
                    throw new IllegalArgumentException("binder '" + inner.strip() + "' has no type");
                }
                hyps.add(new Hypothesis("inst✝" + (instances == 0 ? "" : subscript(instances)), pretty(inner)));
                instances++;
            } else {
                List<String> names = List.of(SPACES.split(inner.substring(0, colon).strip()));
                String type = pretty(inner.substring(colon + 1));
                for (String n : names) {
                    String name = n.equals("_") ? "x✝" : n;
                    hyps.add(c == '[' ? new Hypothesis("inst✝", type) : new Hypothesis(name, type));
                }
            }
            i = end + 1;
        }
    }

    /** Lean's spacing: one space between tokens, spaces around binary operators, |x| for abs. */
    static String pretty(String text) {
        String t = SPACES.matcher(text.strip()).replaceAll(" ");
        t = t.replace("( ", "(").replace(" )", ")");
        t = TIGHT_BINARY.matcher(t).replaceAll(" $1 ");
        t = absBars(t);
        return t.replace("Real.sqrt ", "√");
    }

    /** {@code abs (e)} prints as {@code |e|}. */
    private static String absBars(String t) {
        int at = t.indexOf("abs (");
        while (at >= 0) {
            int open = at + 4;
            int end = matching(t, open, '(', ')');
            t = t.substring(0, at) + "|" + t.substring(open + 1, end) + "|" + t.substring(end + 1);
            at = t.indexOf("abs (", at);
        }
        return t;
    }

    private static int matching(String s, int open, char o, char c) {
        int depth = 0;
        for (int j = open; j < s.length(); j++) {
            char ch = s.charAt(j);
            if (ch == o) {
                depth++;
            } else if (ch == c) {
                depth--;
                if (depth == 0) {
                    return j;
                }
            }
        }
        throw new IllegalArgumentException("unbalanced '" + o + "' in statement");
    }

    private static int topLevelColon(String inner) {
        int depth = 0;
        for (int j = 0; j < inner.length(); j++) {
            char ch = inner.charAt(j);
            if (ch == '(' || ch == '[' || ch == '{') {
                depth++;
            } else if (ch == ')' || ch == ']' || ch == '}') {
                depth--;
            } else if (ch == ':' && depth == 0 && (j + 1 >= inner.length() || inner.charAt(j + 1) != '=')) {
                return j;
            }
        }
        return -1;
    }

    static String subscript(int n) {
        StringBuilder sb = new StringBuilder();
        for (char d : Integer.toString(n).toCharArray()) {
            sb.append((char) ('₀' + (d - '0')));
        }
        return sb.toString();
    }
}
