package dev.stepwise.prover.problems;

import dev.stepwise.lean.LeanScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Lean source with comments, doc-strings and string/char literals blanked out (newlines kept, so
 * offsets, lines and columns stay those of the original). Structural scanning runs on the masked
 * text, so a {@code theorem} or {@code :=} inside a comment or string is never mistaken for code.
 * The spans are found by lean-bridge's {@link LeanScanner}, the one reading of Lean's lexical rules
 * that the acceptance gate uses too, so the parser and the gate never disagree on what is code.
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
        List<LeanScanner.Span> spans = LeanScanner.spans(text);
        List<DocComment> docs = new ArrayList<>();
        for (LeanScanner.Span span : spans) {
            if (!span.closed()) {
                throw error(text, file, span.start(), span.isComment()
                        ? "unterminated comment '/-' (no matching '-/')" : "unterminated string literal");
            }
            if (span.kind() == LeanScanner.Kind.DOC_COMMENT) {
                docs.add(new DocComment(span.start(), span.end(), text.substring(span.start() + 3, span.end() - 2).strip()));
            }
        }
        return new MaskedSource(text, LeanScanner.blank(text, spans, span -> true), docs);
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
}
