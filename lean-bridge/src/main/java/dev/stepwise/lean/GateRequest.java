package dev.stepwise.lean;

import java.util.Objects;

/**
 * One theorem for the acceptance gate, with the reference it must match.
 *
 * @param referenceHeader the header the theorem is elaborated under (imports, opens, options), the
 *     trusted one: the problem's, or the reference file's
 * @param header the header the theorem came with; any difference from the reference header is a
 *     rejection (a {@code macro_rules}, {@code notation} or {@code open ... in} there changes what
 *     the statement means while its text stays the same)
 * @param name the theorem's name, as {@code #print axioms} needs it
 * @param referenceStatement the statement as given, through {@code := by}
 * @param statement the theorem's own statement, through {@code := by}
 * @param proof the text after {@code := by}
 */
public record GateRequest(String referenceHeader, String header, String name, String referenceStatement,
        String statement, String proof) {
    public GateRequest {
        Objects.requireNonNull(referenceHeader, "referenceHeader");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(referenceStatement, "referenceStatement");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(proof, "proof");
    }

    /** The theorem as one command: its statement with the proof under it. */
    String theorem() {
        return statement.stripTrailing() + "\n  " + proof.strip();
    }
}
