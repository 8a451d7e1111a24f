package dev.stepwise.prover.problems;

import java.util.Objects;

/**
 * One {@code theorem}, {@code lemma} or {@code example} of a Lean file.
 *
 * @param name the declaration name ({@code example_L} for an example starting on line L)
 * @param header every non-declaration text before it (imports, opens, variables, definitions)
 * @param statement the declaration from its attributes/keyword through {@code := by}; an
 *     {@code example} is rewritten as {@code theorem example_L}, a term-mode {@code :=} gets {@code by}
 * @param body the original text after {@code :=} (after {@code by} when present), stripped
 * @param docComment the text of a {@code /-- ... -/} comment right before it, or ""
 * @param line 1-based line where the declaration starts
 * @param assignOffset offset of its {@code :=} in the file's text
 * @param endOffset offset just past the last non-blank character of its body (or of {@code :=})
 */
public record LeanDeclaration(String name, String header, String statement, String body, String docComment,
        int line, int column, BodyKind bodyKind, int assignOffset, int endOffset) {

    /** What follows {@code :=}: nothing or {@code sorry} (a statement to prove), or a proof. */
    public enum BodyKind { MISSING, SORRY, PROOF }

    public LeanDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(docComment, "docComment");
        Objects.requireNonNull(bodyKind, "bodyKind");
        if (assignOffset < 0 || endOffset < assignOffset + 2) {
            throw new IllegalArgumentException("bad offsets of " + name + ": " + assignOffset + ".." + endOffset);
        }
    }

    public boolean needsProof() {
        return bodyKind != BodyKind.PROOF;
    }
}
