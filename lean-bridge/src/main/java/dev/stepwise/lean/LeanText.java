package dev.stepwise.lean;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lexical facts about Lean source the acceptance gate relies on: where comments are (so a
 * comment never changes what a statement or header is), and identifiers as Lean reads them
 * (dotted names whose parts may be escaped as {@code «...»}, so {@code debug.«skipKernelTC»} and
 * {@code _root_.Lean.ofReduceBool} are seen as the names they are). Lean's own rules: line
 * comments {@code --}, nested block comments {@code /- -/} (doc comments included), string
 * literals with backslash escapes (leanprover/lean4 {@code src/Lean/Parser/Basic.lean}:
 * {@code finishCommentBlock}, {@code strLitFnAux}, {@code identFnAux}, {@code isIdFirst},
 * {@code isIdRest}, {@code isLetterLike}, {@code isSubScriptAlnum}).
 */
public final class LeanText {
    /** How much of a differing line a reason quotes. */
    private static final int LINE = 120;

    private LeanText() {
    }

    /** One token: an identifier (with its parts, unescaped), a number or a single other character. */
    public record Token(Kind kind, String text, List<String> parts) {
        public Token {
            parts = List.copyOf(parts);
        }
    }

    public enum Kind { IDENT, NUMBER, SYMBOL }

    /**
     * {@code text} with every comment replaced by spaces of the same length (newlines kept), so
     * offsets stay valid; string and character literals are left alone (a {@code --} inside a
     * string is no comment).
     */
    public static String maskComments(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i);
            } else if (c == '«' && text.indexOf('»', i) > i) {
                // an escaped identifier part may hold anything, `--` included
                i = text.indexOf('»', i) + 1;
            } else if (c == '\'' && (i == 0 || !isIdRest(text.codePointBefore(i))) && isCharLiteral(text, i)) {
                i = text.indexOf('\'', i + (text.charAt(i + 1) == '\\' ? 3 : 2)) + 1;
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                blank(out, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = endOfBlockComment(text, i);
                blank(out, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    /** The text without comments, whitespace runs collapsed to one space, ends stripped. */
    public static String normalized(String text) {
        return maskComments(text).strip().replaceAll("\\s+", " ");
    }

    /**
     * The first place two texts differ once comments and whitespace are set aside, line by line
     * (blank lines ignored), as one sentence naming both sides; empty when they are the same.
     */
    public static Optional<String> firstDifference(String expected, String actual) {
        List<String> want = meaningfulLines(expected);
        List<String> got = meaningfulLines(actual);
        for (int k = 0; k < Math.max(want.size(), got.size()); k++) {
            String w = k < want.size() ? want.get(k) : null;
            String g = k < got.size() ? got.get(k) : null;
            if (w == null) {
                return Optional.of("it adds `" + abbreviate(g, LINE) + "`");
            }
            if (g == null) {
                return Optional.of("it lacks `" + abbreviate(w, LINE) + "`");
            }
            if (!w.equals(g)) {
                return Optional.of("it has `" + abbreviate(g, LINE) + "` where the reference has `" + abbreviate(w, LINE) + "`");
            }
        }
        return Optional.empty();
    }

    private static List<String> meaningfulLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : maskComments(text).split("\n")) {
            String l = line.strip().replaceAll("\\s+", " ");
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        return lines;
    }

    static String abbreviate(String s) {
        return abbreviate(s, 60);
    }

    private static String abbreviate(String s, int max) {
        String line = s.strip();
        return line.length() <= max ? line : line.substring(0, max - 3) + "...";
    }

    /** The tokens of {@code text}; whitespace separates, comments are read as ordinary text. */
    public static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' && i + 1 < n && isIdFirst(text.codePointAt(i + 1))) {
                int end = i + 1;
                while (end < n && isIdRest(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
                out.add(new Token(Kind.IDENT, text.substring(i, end), List.of(text.substring(i, end))));
                i = end;
            } else if (isIdFirst(text.codePointAt(i)) || (c == '«' && text.indexOf('»', i) > i)) {
                int end = identEnd(text, i);
                String ident = text.substring(i, end);
                out.add(new Token(Kind.IDENT, ident, parts(ident)));
                i = end;
            } else if (c >= '0' && c <= '9') {
                int end = i;
                while (end < n && (isIdRest(text.charAt(end)) || text.charAt(end) == '.')) {
                    end++;
                }
                out.add(new Token(Kind.NUMBER, text.substring(i, end), List.of()));
                i = end;
            } else {
                int width = Character.charCount(text.codePointAt(i));
                out.add(new Token(Kind.SYMBOL, text.substring(i, i + width), List.of()));
                i += width;
            }
        }
        return out;
    }

    /**
     * The parts of a dotted name with escapes removed: {@code debug.«skipKernelTC»} is
     * {@code [debug, skipKernelTC]}, as Lean's {@code Name.toString} escapes them back.
     */
    public static List<String> parts(String name) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = name.length();
        StringBuilder part = new StringBuilder();
        while (i < n) {
            char c = name.charAt(i);
            if (c == '«') {
                int close = name.indexOf('»', i);
                if (close < 0) {
                    part.append(name, i, n);
                    break;
                }
                part.append(name, i + 1, close);
                i = close + 1;
            } else if (c == '.') {
                parts.add(part.toString());
                part.setLength(0);
                i++;
            } else {
                part.append(c);
                i++;
            }
        }
        parts.add(part.toString());
        return List.copyOf(parts);
    }

    private static int identEnd(String text, int from) {
        int i = from;
        int n = text.length();
        while (i < n) {
            if (text.charAt(i) == '«') {
                int close = text.indexOf('»', i);
                if (close < 0) {
                    return i == from ? n : i;
                }
                i = close + 1;
            } else if (isIdFirst(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
                while (i < n && isIdRest(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
            } else {
                return i;
            }
            // a dot continues the name only when another part follows it at once
            if (i + 1 < n && text.charAt(i) == '.' && (isIdFirst(text.codePointAt(i + 1)) || text.charAt(i + 1) == '«')) {
                i++;
            } else {
                return i;
            }
        }
        return i;
    }

    /** Lean's {@code isIdFirst} ({@code Init/Meta/Defs.lean}): an ASCII letter, {@code _}, or a letter-like symbol. */
    static boolean isIdFirst(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || isLetterLike(c);
    }

    /** Lean's {@code isIdRest}: also ASCII digits, {@code '}, {@code !}, {@code ?} and subscripts. */
    static boolean isIdRest(int c) {
        return isIdFirst(c) || (c >= '0' && c <= '9') || c == '\'' || c == '!' || c == '?' || isSubscript(c);
    }

    /**
     * Lean's {@code isLetterLike}: Greek but λ, Π and Σ, Coptic, polytonic Greek, the letter-like
     * block (ℕ, ℝ), mathematical alphanumerics (𝒜), and in recent versions Latin-1 and Latin
     * Extended-A letters. Cyrillic is not among them: a Cyrillic look-alike does not even parse.
     */
    private static boolean isLetterLike(int c) {
        return (c >= 0x3b1 && c <= 0x3c9 && c != 0x3bb) || (c >= 0x391 && c <= 0x3a9 && c != 0x3a0 && c != 0x3a3)
                || (c >= 0x3ca && c <= 0x3fb) || (c >= 0x1f00 && c <= 0x1ffe) || (c >= 0x2100 && c <= 0x214f)
                || (c >= 0x1d49c && c <= 0x1d59f) || (c >= 0xc0 && c <= 0xff && c != 0xd7 && c != 0xf7)
                || (c >= 0x100 && c <= 0x17f);
    }

    /** Lean's {@code isSubScriptAlnum}. */
    private static boolean isSubscript(int c) {
        return (c >= 0x2080 && c <= 0x2089) || (c >= 0x2090 && c <= 0x209c) || (c >= 0x1d62 && c <= 0x1d6a) || c == 0x2c7c;
    }

    private static boolean isCharLiteral(String text, int i) {
        if (i + 2 >= text.length()) {
            return false;
        }
        int close = text.charAt(i + 1) == '\\' ? i + 3 : i + 2;
        return close < text.length() && text.charAt(close) == '\'';
    }

    private static int endOfString(String text, int open) {
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** Block comments nest in Lean; an unclosed one runs to the end of the text. */
    private static int endOfBlockComment(String text, int open) {
        int depth = 0;
        int i = open;
        while (i + 1 < text.length()) {
            if (text.charAt(i) == '/' && text.charAt(i + 1) == '-') {
                depth++;
                i += 2;
            } else if (text.charAt(i) == '-' && text.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static void blank(StringBuilder out, int from, int to) {
        for (int k = from; k < to; k++) {
            if (out.charAt(k) != '\n') {
                out.setCharAt(k, ' ');
            }
        }
    }
}
