package dev.stepwise.prover.problems;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the declarations of a Lean file. A top-level command starts at the beginning of a line,
 * outside brackets, comments and strings; each {@code theorem}/{@code lemma}/{@code example}
 * becomes a {@link LeanDeclaration} whose header is all non-declaration text before it, so
 * {@code open} or {@code variable} lines between declarations reach the ones after them.
 */
public final class LeanFileParser {

    private static final Set<String> COMMANDS = Set.of(
            "theorem", "lemma", "example", "def", "abbrev", "instance", "structure", "class", "inductive",
            "axiom", "opaque", "namespace", "section", "end", "open", "variable", "universe", "set_option",
            "attribute", "import", "macro", "macro_rules", "syntax", "notation", "infix", "infixl", "infixr",
            "prefix", "postfix", "elab", "local", "scoped", "mutual", "noncomputable", "private", "protected",
            "nonrec", "unsafe", "partial", "deriving", "#check", "#eval", "#print", "#reduce", "#exit", "#guard",
            "#help", "#synth", "@[");
    private static final Set<String> MODIFIERS = Set.of(
            "private", "protected", "noncomputable", "nonrec", "unsafe", "partial");
    private static final Set<String> DECLARATIONS = Set.of("theorem", "lemma", "example");
    private static final Map<Character, Character> CLOSERS = Map.of(
            '(', ')', '[', ']', '{', '}', '⟨', '⟩', '⦃', '⦄', '⟦', '⟧');
    private static final Pattern WORD = Pattern.compile("@\\[|#?[\\p{L}_][\\p{L}\\p{N}_'.!?₀-₉]*");
    private static final Pattern NAME = Pattern.compile("«[^»]*»|[\\p{L}_][\\p{L}\\p{N}_'.!?₀-₉ᵢ-ᵪ]*");

    private LeanFileParser() {
    }

    /** The declarations of {@code text}; {@code file} names it in defects. */
    public static List<LeanDeclaration> declarations(String text, String file) {
        MaskedSource src = MaskedSource.of(text, file);
        int[] depth = depths(src, file);
        List<Integer> starts = commandStarts(src, depth);
        List<LeanDeclaration> result = new ArrayList<>();
        List<Defect> defects = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        StringBuilder header = new StringBuilder(text.substring(0, starts.isEmpty() ? text.length() : starts.get(0)));
        for (int s = 0; s < starts.size(); s++) {
            int start = starts.get(s);
            int end = s + 1 < starts.size() ? starts.get(s + 1) : text.length();
            int keywordAt = skipModifiers(src, start, end);
            String keyword = wordAt(src.masked(), keywordAt);
            if (!DECLARATIONS.contains(keyword)) {
                if (keyword.equals("import") && !result.isEmpty()) {
                    defects.add(defect(src, file, start, "'import' after the first declaration; imports must come first"));
                }
                header.append(text, start, end);
                continue;
            }
            LeanDeclaration decl = declaration(src, file, start, keywordAt, keyword, end, header.toString(), defects);
            if (decl == null) {
                continue;
            }
            Integer previous = seen.putIfAbsent(decl.name(), decl.line());
            if (previous != null) {
                defects.add(new Defect(file, decl.line(), decl.column(), "'" + decl.name() + "' is declared twice (first on line " + previous + ")"));
            }
            result.add(decl);
        }
        if (result.isEmpty() && defects.isEmpty()) {
            defects.add(new Defect(file, 1, 0, "no theorem, lemma or example found"));
        }
        if (!defects.isEmpty()) {
            throw new ProblemFileException(defects);
        }
        return List.copyOf(result);
    }

    /** The statements of a statement file: every declaration must be unproved ({@code sorry} or nothing). */
    public static List<Problem> problems(String text, String file) {
        List<LeanDeclaration> decls = declarations(text, file);
        List<Defect> defects = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (LeanDeclaration d : decls) {
            if (!d.needsProof()) {
                defects.add(new Defect(file, d.line(), d.column(), "'" + d.name()
                        + "' already has a proof; a statement file leaves it as 'sorry' or empty after ':= by'"));
                continue;
            }
            problems.add(new Problem(d.name(), "file", d.header(), d.statement(), d.docComment(), file + ":" + d.line()));
        }
        if (!defects.isEmpty()) {
            throw new ProblemFileException(defects);
        }
        return List.copyOf(problems);
    }

    private static LeanDeclaration declaration(MaskedSource src, String file, int start, int keywordAt,
            String keyword, int end, String header, List<Defect> defects) {
        String masked = src.masked();
        int afterKeyword = keywordAt + keyword.length();
        // The segment may begin with the doc comment; the statement begins at its first attribute or keyword.
        int declStart = skipSpace(masked, start, end);
        String name;
        int line = src.line(declStart);
        if (keyword.equals("example")) {
            name = "example_" + line;
        } else {
            Matcher m = NAME.matcher(masked).region(skipSpace(masked, afterKeyword, end), end);
            if (!m.lookingAt()) {
                defects.add(defect(src, file, afterKeyword, "'" + keyword + "' without a name"));
                return null;
            }
            name = m.group();
        }
        int assign = findAssign(masked, afterKeyword, end);
        if (assign < 0) {
            defects.add(defect(src, file, keywordAt, "'" + name + "' has no ':=' (pattern-matching bodies are not supported)"));
            return null;
        }
        String text = src.original();
        int bodyStart = assign + 2;
        int afterAssign = skipSpace(masked, bodyStart, end);
        boolean tacticMode = wordAt(masked, afterAssign).equals("by");
        if (tacticMode) {
            bodyStart = afterAssign + 2;
        }
        String maskedBody = masked.substring(bodyStart, end).strip();
        String body = text.substring(bodyStart, end).strip();
        LeanDeclaration.BodyKind kind = maskedBody.isEmpty() ? LeanDeclaration.BodyKind.MISSING
                : maskedBody.equals("sorry") ? LeanDeclaration.BodyKind.SORRY : LeanDeclaration.BodyKind.PROOF;
        String signature = text.substring(declStart, assign).stripTrailing();
        if (keyword.equals("example")) {
            signature = text.substring(declStart, keywordAt) + "theorem " + name
                    + text.substring(afterKeyword, assign).stripTrailing();
        }
        // Measured on the masked text, so comments after the body stay outside it.
        int bodyEnd = end;
        while (bodyEnd > bodyStart && Character.isWhitespace(masked.charAt(bodyEnd - 1))) {
            bodyEnd--;
        }
        return new LeanDeclaration(name, header, signature + " := by", body, docCommentBefore(src, declStart), line,
                src.column(declStart), kind, assign, Math.max(bodyEnd, assign + 2));
    }

    /** The first {@code :=} outside brackets after the keyword, or -1. */
    private static int findAssign(String masked, int from, int end) {
        int depth = 0;
        for (int i = from; i < end - 1; i++) {
            char c = masked.charAt(i);
            if (CLOSERS.containsKey(c)) {
                depth++;
            } else if (CLOSERS.containsValue(c)) {
                depth--;
            } else if (depth == 0 && c == ':' && masked.charAt(i + 1) == '=') {
                return i;
            }
        }
        return -1;
    }

    private static String docCommentBefore(MaskedSource src, int start) {
        for (MaskedSource.DocComment doc : src.docComments()) {
            if (doc.end() <= start && src.original().substring(doc.end(), start).isBlank()) {
                return doc.text();
            }
        }
        return "";
    }

    /** Attributes and modifiers before the keyword, possibly on their own lines. */
    private static int skipModifiers(MaskedSource src, int start, int end) {
        String masked = src.masked();
        int i = skipSpace(masked, start, end);
        while (i < end) {
            String word = wordAt(masked, i);
            if (word.equals("@[")) {
                int close = masked.indexOf(']', i);
                i = skipSpace(masked, close < 0 ? end : close + 1, end);
            } else if (MODIFIERS.contains(word)) {
                i = skipSpace(masked, i + word.length(), end);
            } else {
                return i;
            }
        }
        return Math.min(i, end);
    }

    /**
     * Offsets where top-level commands start. A line that holds only attributes or modifiers
     * belongs to the command after it, and so does a doc comment right before it.
     */
    private static List<Integer> commandStarts(MaskedSource src, int[] depth) {
        String masked = src.masked();
        List<Integer> starts = new ArrayList<>();
        boolean pendingModifiers = false;
        for (int line = 1; line <= src.lineCount(); line++) {
            int i = src.lineStart(line);
            while (i < masked.length() && (masked.charAt(i) == ' ' || masked.charAt(i) == '\t')) {
                i++;
            }
            if (i >= masked.length() || masked.charAt(i) == '\n' || masked.charAt(i) == '\r' || depth[i] != 0) {
                continue;
            }
            String word = wordAt(masked, i);
            if (!COMMANDS.contains(word)) {
                continue;
            }
            if (!pendingModifiers) {
                starts.add(withDocComment(src, src.lineStart(line)));
            }
            int lineEnd = masked.indexOf('\n', i);
            String rest = masked.substring(i, lineEnd < 0 ? masked.length() : lineEnd);
            pendingModifiers = onlyModifiers(rest);
        }
        return starts;
    }

    private static boolean onlyModifiers(String line) {
        String rest = line.strip();
        while (!rest.isEmpty()) {
            if (rest.startsWith("@[")) {
                int close = rest.indexOf(']');
                if (close < 0) {
                    return false;
                }
                rest = rest.substring(close + 1).strip();
            } else {
                String word = wordAt(rest, 0);
                if (!MODIFIERS.contains(word)) {
                    return false;
                }
                rest = rest.substring(word.length()).strip();
            }
        }
        return true;
    }

    private static int withDocComment(MaskedSource src, int lineStart) {
        for (MaskedSource.DocComment doc : src.docComments()) {
            if (doc.end() <= lineStart && src.original().substring(doc.end(), lineStart).isBlank()) {
                return src.lineStart(src.line(doc.start()));
            }
        }
        return lineStart;
    }

    /** Bracket depth at every offset; unbalanced brackets are defects with their position. */
    private static int[] depths(MaskedSource src, String file) {
        String masked = src.masked();
        int[] depth = new int[masked.length() + 1];
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < masked.length(); i++) {
            depth[i] = open.size();
            char c = masked.charAt(i);
            if (CLOSERS.containsKey(c)) {
                open.push(i);
            } else if (CLOSERS.containsValue(c)) {
                if (open.isEmpty()) {
                    throw new ProblemFileException(List.of(defect(src, file, i, "unmatched '" + c + "'")));
                }
                int opener = open.pop();
                char expected = CLOSERS.get(masked.charAt(opener));
                if (c != expected) {
                    throw new ProblemFileException(List.of(defect(src, file, i, "'" + c + "' closes '"
                            + masked.charAt(opener) + "' of line " + src.line(opener) + ":" + src.column(opener)
                            + " (expected '" + expected + "')")));
                }
            }
        }
        if (!open.isEmpty()) {
            int opener = open.getLast();
            throw new ProblemFileException(List.of(defect(src, file, opener, "'" + masked.charAt(opener) + "' is never closed")));
        }
        depth[masked.length()] = 0;
        return depth;
    }

    private static Defect defect(MaskedSource src, String file, int offset, String message) {
        return new Defect(file, src.line(offset), src.column(offset), message);
    }

    private static int skipSpace(String s, int i, int end) {
        while (i < end && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String wordAt(String s, int i) {
        Matcher m = WORD.matcher(s).region(Math.min(i, s.length()), s.length());
        return m.lookingAt() ? m.group() : "";
    }
}
