package dev.stepwise.prover.problems;

import java.util.ArrayList;
import java.util.List;

/**
 * Lean source with comments, doc-strings and string/char literals blanked out (newlines kept, so
 * offsets, lines and columns stay those of the original). Structural scanning runs on the masked
 * text, so a {@code theorem} or {@code :=} inside a comment or string is never mistaken for code.
 */
final class MaskedSource {

    /** A doc comment {@code /-- ... -/} with its offsets in the original text. */
    record DocComment(int start, int end, String text) {
    }

    private final String original;
    private final String masked;
    private final List<DocComment> docComments;
    private final int[] lineStarts;

    private MaskedSource(String original, String masked, List<DocComment> docComments) {
        this.original = original;
        this.masked = masked;
        this.docComments = List.copyOf(docComments);
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < original.length(); i++) {
            if (original.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @throws ProblemFileException for an unterminated comment or string literal
     */
    static MaskedSource of(String text, String file) {
        StringBuilder out = new StringBuilder(text);
        List<DocComment> docs = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '-' && at(text, i + 1, '-')) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                blank(out, i, end);
                i = end;
            } else if (c == '/' && at(text, i + 1, '-')) {
                int end = blockCommentEnd(text, i);
                if (end < 0) {
                    throw error(text, file, i, "unterminated comment '/-' (no matching '-/')");
                }
                if (at(text, i + 2, '-') && !at(text, i + 3, '/')) {
                    String body = text.substring(i + 3, end - 2).strip();
                    docs.add(new DocComment(i, end, body));
                }
                blank(out, i, end);
                i = end;
            } else if (c == '"') {
                int end = stringEnd(text, i);
                if (end < 0) {
                    throw error(text, file, i, "unterminated string literal");
                }
                blank(out, i, end);
                i = end;
            } else if (c == '\'' && isCharLiteral(text, i)) {
                int end = text.indexOf('\'', i + (at(text, i + 1, '\\') ? 3 : 2)) + 1;
                blank(out, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return new MaskedSource(text, out.toString(), docs);
    }

    String original() {
        return original;
    }

    String masked() {
        return masked;
    }

    List<DocComment> docComments() {
        return docComments;
    }

    /** 1-based line of an offset. */
    int line(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /** 1-based column of an offset, counted in code points as editors and Lean do. */
    int column(int offset) {
        int start = lineStarts[line(offset) - 1];
        return original.codePointCount(start, offset) + 1;
    }

    int lineCount() {
        return lineStarts.length;
    }

    int lineStart(int line) {
        return lineStarts[line - 1];
    }

    static ProblemFileException error(String text, String file, int offset, String message) {
        MaskedSource positions = new MaskedSource(text, text, List.of());
        return new ProblemFileException(List.of(
                new Defect(file, positions.line(offset), positions.column(offset), message)));
    }

    private static boolean at(String s, int i, char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    /** Lean block comments nest; returns the offset just past the matching {@code -/}, or -1. */
    private static int blockCommentEnd(String s, int start) {
        int depth = 0;
        int i = start;
        while (i < s.length() - 1) {
            if (s.charAt(i) == '/' && s.charAt(i + 1) == '-') {
                depth++;
                i += 2;
            } else if (s.charAt(i) == '-' && s.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    private static int stringEnd(String s, int start) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /**
     * {@code 'a'} and {@code '\n'} are char literals; a prime in a name ({@code h'}, {@code f''}) is
     * not, and it always follows an identifier character.
     */
    private static boolean isCharLiteral(String s, int i) {
        if (i > 0) {
            char before = s.charAt(i - 1);
            if (Character.isLetterOrDigit(before) || before == '_' || before == '\'' || before == '!'
                    || before == '?' || Character.getType(before) == Character.OTHER_NUMBER
                    || isSubscript(before)) {
                return false;
            }
        }
        if (at(s, i + 1, '\\')) {
            return i + 3 < s.length() && s.indexOf('\'', i + 3) > 0 && s.indexOf('\'', i + 3) <= i + 12;
        }
        int cp = i + 1 < s.length() ? s.codePointAt(i + 1) : -1;
        int next = i + 1 + (cp < 0 ? 1 : Character.charCount(cp));
        return cp >= 0 && cp != '\n' && at(s, next, '\'');
    }

    private static boolean isSubscript(char c) {
        return c >= '\u2080' && c <= '\u209c';
    }

    private static void blank(StringBuilder out, int from, int to) {
        for (int k = from; k < to; k++) {
            if (out.charAt(k) != '\n') {
                out.setCharAt(k, ' ');
            }
        }
    }
}
