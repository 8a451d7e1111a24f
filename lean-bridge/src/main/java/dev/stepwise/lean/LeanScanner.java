package dev.stepwise.lean;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where Lean source has comments, strings and character literals, found by Lean's own rules, so
 * that what we take for a comment is a comment to Lean too. This matters for safety: the
 * acceptance gate sets comments aside before it reads a statement or looks for extra commands, so
 * text that looks like a comment to us but is code to Lean would hide an {@code axiom} from it.
 *
 * <p>Lean has no separate lexer; its token function decides at each token start. The rules below
 * follow leanprover/lean4 {@code src/Lean/Parser/Basic.lean} (read at commit 00c1b827, the 4.x
 * line the project pins, v4.24.0): {@code whitespace}, {@code finishCommentBlock},
 * {@code tokenFnAux}, {@code charLitFnAux}, {@code quotedCharCoreFn}, {@code strLitFnAux},
 * {@code isRawStrLitStart}/{@code rawStrLitFnAux}, {@code identFnAux}, {@code numberFnAux}, and
 * {@code interpolatedStrFn} ({@code Parser/StrInterpolation.lean}):
 * <ul>
 * <li>{@code --} starts a comment to the end of the line.</li>
 * <li>{@code /-} starts a block comment; block comments nest ({@code /-} opens, {@code -/}
 * closes, read left to right in pairs). The character right after {@code /-} is skipped
 * unread, so {@code /-/- -/} is one comment, closed by its first {@code -/}.
 * {@code /--} (doc comment) and {@code /-!} (module doc) read their body from the fourth
 * character on, so {@code /--/} does not close itself.</li>
 * <li>A string {@code "…"} ends at the first {@code "} not escaped by a backslash; an escape
 * takes one character after the backslash (the hex digits of {@code x..}, {@code u....} escapes and the
 * whitespace of a string gap are plain characters anyway).</li>
 * <li>A raw string {@code r"…"}, {@code r#"…"#}, {@code r##"…"##}: only at a token start (the
 * {@code r} of an identifier such as {@code bar"} is no raw string); no escapes; it ends at a
 * {@code "} followed by as many {@code #} as opened it.</li>
 * <li>A character literal at a token start: {@code '}, one character (a code point) or one
 * escape, {@code '}. A {@code '} inside an identifier ({@code h'}) is part of the name, and
 * {@code ''} is never a character literal.</li>
 * <li>An identifier is dotted parts, each either Lean's {@code isIdFirst isIdRest*} or an escape
 * {@code «…»} that may hold anything ({@code --}, {@code -/}, {@code "} included). A name
 * literal {@code `name} reads the identifier at once (so {@code `r"x"} is a name and a
 * string, not a raw string).</li>
 * <li>Numbers are read as Lean reads them ({@code 0x1F}, {@code 1_000}, {@code 2.5e-3}), so
 * that a letter after one ({@code 2x}) starts an identifier of its own.</li>
 * <li>An interpolated string ({@code s!"…"}, {@code m!}, {@code f!}, {@code throwError},
 * {@code println!}, {@code dbg_trace}) holds code between {@code { }}: comments and strings
 * there are Lean's again, so {@code s!"{"/-"}"} holds no comment.</li>
 * </ul>
 * Not known here: the notation table beyond Mathlib's primed symbols ({@code ⁻¹'}, {@code ∑'},
 * {@code ∏'}, {@code ''}). Another symbol token holding {@code '} would be read as characters, so
 * its {@code '} might be taken for the start of a character literal; and an interpolated string
 * behind syntax other than the names above is read as a plain string.
 */
public final class LeanScanner {
    /** What a span is. */
    public enum Kind { LINE_COMMENT, BLOCK_COMMENT, DOC_COMMENT, STRING, CHAR }

    /**
     * One comment or literal: {@code [start, end)}; {@code closed} false when the text ends
     * before it does (Lean reports an error; the span then runs to the end).
     */
    public record Span(Kind kind, int start, int end, boolean closed) {
        public boolean isComment() {
            return kind == Kind.LINE_COMMENT || kind == Kind.BLOCK_COMMENT || kind == Kind.DOC_COMMENT;
        }
    }

    /**
     * Mathlib's symbol tokens that end in {@code '} (preimage, {@code tsum}, {@code tprod}): Lean
     * reads each as one token by longest match, so its {@code '} never opens a character literal.
     */
    private static final List<String> PRIMED_SYMBOLS = List.of("⁻¹'", "∑'", "∏'");

    /** The tokens that take an interpolated string (each is an identifier to us). */
    private static final Set<String> INTERPOLATING = Set.of("s!", "m!", "f!", "throwError", "println!", "dbg_trace");

    private final String text;
    private final int n;
    private final List<Span> spans = new ArrayList<>();
    private int i;
    /** The identifier read last, when it is the token just before {@code i}; null otherwise. */
    private String lastIdent;

    private LeanScanner(String text) {
        this.text = text;
        this.n = text.length();
    }

    /** The comments and literals of {@code text}, by start (a comment inside an interpolation follows its string). */
    public static List<Span> spans(String text) {
        LeanScanner scanner = new LeanScanner(text);
        scanner.code(false);
        return List.copyOf(scanner.spans);
    }

    /**
     * {@code text} with the spans that {@code which} accepts replaced by spaces of the same
     * length (newlines kept), so offsets, lines and columns stay those of the original.
     */
    public static String blank(String text, List<Span> spans, Predicate<Span> which) {
        StringBuilder out = new StringBuilder(text);
        for (Span s : spans) {
            if (which.test(s)) {
                for (int k = s.start(); k < s.end(); k++) {
                    if (out.charAt(k) != '\n') {
                        out.setCharAt(k, ' ');
                    }
                }
            }
        }
        return out.toString();
    }

    /** Reads code to the end, or inside an interpolation up to (not past) its closing {@code }}. */
    private void code(boolean inInterpolation) {
        int braces = 0;
        while (i < n) {
            char c = text.charAt(i);
            String ident = lastIdent;
            lastIdent = null;
            if (c == '-' && at(i + 1, '-')) {
                lineComment();
                lastIdent = ident; // whitespace and comments may stand between s! and its string
            } else if (c == '/' && at(i + 1, '-')) {
                blockComment();
                lastIdent = ident;
            } else if (Character.isWhitespace(c)) {
                lastIdent = ident;
                i++;
            } else if (c == '"') {
                string(ident != null && INTERPOLATING.contains(ident));
            } else if (c == '\'' && !at(i + 1, '\'')) {
                charLiteral();
            } else if (c == '\'') {
                i += 2; // `''`: a symbol token (Mathlib's image `f '' s`), never a character literal
            } else if (c >= '0' && c <= '9') {
                number();
            } else if (c == '`' && i + 1 < n && (isIdFirst(text.codePointAt(i + 1)) || text.charAt(i + 1) == '«')) {
                i = identEnd(text, i + 1);
            } else if (c == 'r' && rawStringHashes(i + 1) >= 0) {
                rawString();
            } else if (isIdFirst(text.codePointAt(i)) || (c == '«' && text.indexOf('»', i) > i)) {
                int end = identEnd(text, i);
                lastIdent = text.substring(i, end);
                i = end;
            } else if (inInterpolation && c == '}' && braces == 0) {
                return;
            } else if (primedSymbol() > 0) {
                i += primedSymbol();
            } else {
                braces += c == '{' ? 1 : c == '}' ? -1 : 0;
                i += Character.charCount(text.codePointAt(i));
            }
        }
    }

    /** The length of the {@link #PRIMED_SYMBOLS} token at {@code i}, or 0. */
    private int primedSymbol() {
        for (String token : PRIMED_SYMBOLS) {
            if (text.startsWith(token, i)) {
                return token.length();
            }
        }
        return 0;
    }

    private void lineComment() {
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        spans.add(new Span(Kind.LINE_COMMENT, i, end, true));
        i = end;
    }

    private void blockComment() {
        int start = i;
        Kind kind = at(i + 2, '-') ? Kind.DOC_COMMENT : Kind.BLOCK_COMMENT;
        // `/--` and `/-!` are tokens whose body starts after them; a plain `/-` skips one more character unread
        int body = at(i + 2, '-') || at(i + 2, '!') ? i + 3
                : i + 2 < n ? i + 2 + Character.charCount(text.codePointAt(i + 2)) : n + 1;
        int end = body > n ? -1 : blockCommentEnd(body);
        spans.add(new Span(kind, start, end < 0 ? n : end, end >= 0));
        i = end < 0 ? n : end;
    }

    /** Lean's {@code finishCommentBlock} at nesting 1: the offset just past the matching {@code -/}, or -1. */
    private int blockCommentEnd(int from) {
        int depth = 1;
        int k = from;
        while (k + 1 < n) {
            if (text.charAt(k) == '-' && text.charAt(k + 1) == '/') {
                k += 2;
                if (--depth == 0) {
                    return k;
                }
            } else if (text.charAt(k) == '/' && text.charAt(k + 1) == '-') {
                depth++;
                k += 2;
            } else {
                k++;
            }
        }
        return -1;
    }

    private void string(boolean interpolated) {
        int start = i;
        int index = spans.size();
        spans.add(null); // the string's own span goes before the comments of its interpolations
        i++;
        boolean closed = false;
        while (i < n && !closed) {
            char c = text.charAt(i);
            if (c == '\\') {
                i = Math.min(n, i + 1 + (i + 1 < n ? Character.charCount(text.codePointAt(i + 1)) : 1));
            } else if (c == '"') {
                closed = true;
                i++;
            } else if (c == '{' && interpolated) {
                i++;
                code(true);
                if (i < n) {
                    i++; // its `}`
                }
            } else {
                i++;
            }
        }
        spans.set(index, new Span(Kind.STRING, start, i, closed));
    }

    /** Lean's {@code charLitFnAux}; a {@code '} that starts none (Lean's error) is passed over as a symbol. */
    private void charLiteral() {
        int k = i + 1;
        if (k >= n) {
            i++;
            return;
        }
        int cp = text.codePointAt(k);
        k += Character.charCount(cp);
        if (cp == '\\') {
            k = escapeEnd(k);
        }
        if (k > 0 && k < n && text.charAt(k) == '\'') {
            spans.add(new Span(Kind.CHAR, i, k + 1, true));
            i = k + 1;
        } else {
            i++;
        }
    }

    /** Lean's {@code quotedCharFn} after the backslash: the offset past the escape, or -1 if it is none. */
    private int escapeEnd(int k) {
        if (k >= n) {
            return -1;
        }
        char c = text.charAt(k);
        if (c == '\\' || c == '"' || c == '\'' || c == 'r' || c == 'n' || c == 't') {
            return k + 1;
        }
        int digits = c == 'x' ? 2 : c == 'u' ? 4 : 0;
        if (digits == 0 || k + digits >= n) {
            return -1;
        }
        for (int d = 1; d <= digits; d++) {
            if (Character.digit(text.charAt(k + d), 16) < 0) {
                return -1;
            }
        }
        return k + digits + 1;
    }

    /** Lean's {@code isRawStrLitStart}: how many {@code #} open a raw string at {@code from} (after the {@code r}), or -1. */
    private int rawStringHashes(int from) {
        int k = from;
        while (k < n && text.charAt(k) == '#') {
            k++;
        }
        return k < n && text.charAt(k) == '"' ? k - from : -1;
    }

    private void rawString() {
        int start = i;
        int hashes = rawStringHashes(i + 1);
        String close = "\"" + "#".repeat(hashes);
        int end = text.indexOf(close, i + 2 + hashes);
        spans.add(new Span(Kind.STRING, start, end < 0 ? n : end + close.length(), end >= 0));
        i = end < 0 ? n : end + close.length();
    }

    /** Lean's {@code numberFnAux}: binary, octal, hex, or decimal with an optional fraction and exponent. */
    private void number() {
        int radix = text.charAt(i) != '0' || i + 1 >= n ? 10 : switch (text.charAt(i + 1)) {
            case 'b', 'B' -> 2;
            case 'o', 'O' -> 8;
            case 'x', 'X' -> 16;
            default -> 10;
        };
        if (radix != 10) {
            i += 2;
            while (i < n && (text.charAt(i) == '_' || (text.charAt(i) < 128 && Character.digit(text.charAt(i), radix) >= 0))) {
                i++;
            }
            return;
        }
        digits();
        if (at(i, '.')) {
            i++;
            digits();
        }
        if (at(i, 'e') || at(i, 'E')) {
            int k = i + 1 + (at(i + 1, '-') || at(i + 1, '+') ? 1 : 0);
            if (k < n && text.charAt(k) >= '0' && text.charAt(k) <= '9') {
                i = k;
                digits();
            }
        }
    }

    private void digits() {
        while (i < n && (text.charAt(i) == '_' || (text.charAt(i) >= '0' && text.charAt(i) <= '9'))) {
            i++;
        }
    }

    private boolean at(int k, char c) {
        return k < n && text.charAt(k) == c;
    }

    /** The end of the (possibly dotted, possibly escaped) identifier starting at {@code from}. */
    static int identEnd(String text, int from) {
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
}
