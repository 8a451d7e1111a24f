package dev.stepwise.prover.policy.prompt;

import java.util.Objects;

/**
 * A theorem as the whole-proof formats take it, in the fields Stepwise's problems carry.
 *
 * @param header imports, opens and options before the statement (may be empty)
 * @param informal the informal statement, "" when the dataset has none
 * @param statement the formal statement through {@code := by}
 */
public record WholeProofInput(String header, String informal, String statement) {
    public WholeProofInput {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(informal, "informal");
        Objects.requireNonNull(statement, "statement");
    }

    /**
     * The informal statement as DeepSeek's datasets carry it before the theorem
     * ({@code informal_prefix} in DeepSeek-Prover-V1.5's datasets/minif2f.jsonl: {@code /-- TEXT-/\n}),
     * or "" without one.
     */
    public String informalPrefix() {
        return informal.isBlank() ? "" : "/-- " + informal.strip() + "-/\n";
    }

    /** The file the released pipelines call {@code lean4_code}: header, informal prefix, statement. */
    public String leanCode() {
        return header + informalPrefix() + statement.stripTrailing();
    }
}
