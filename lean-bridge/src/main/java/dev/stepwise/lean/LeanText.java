package dev.stepwise.lean;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lexical facts about Lean source the acceptance gate relies on: where comments are (so a
 * comment never changes what a statement or header is), and identifiers as Lean reads them
 * (dotted names whose parts may be escaped as {@code «...»}, so {@code debug.«skipKernelTC»} and
 * {@code _root_.Lean.ofReduceBool} are seen as the names they are). Comments, strings and
 * identifiers are found by {@link LeanScanner}, which follows Lean's own lexical rules.
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
        return LeanScanner.blank(text, LeanScanner.spans(text), LeanScanner.Span::isComment);
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
            } else if (c == '#' && i + 1 < n && LeanScanner.isIdFirst(text.codePointAt(i + 1))) {
                int end = i + 1;
                while (end < n && LeanScanner.isIdRest(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
                out.add(new Token(Kind.IDENT, text.substring(i, end), List.of(text.substring(i, end))));
                i = end;
            } else if (LeanScanner.isIdFirst(text.codePointAt(i)) || (c == '«' && text.indexOf('»', i) > i)) {
                int end = LeanScanner.identEnd(text, i);
                String ident = text.substring(i, end);
                out.add(new Token(Kind.IDENT, ident, parts(ident)));
                i = end;
            } else if (c >= '0' && c <= '9') {
                int end = i;
                while (end < n && (LeanScanner.isIdRest(text.charAt(end)) || text.charAt(end) == '.')) {
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
}
