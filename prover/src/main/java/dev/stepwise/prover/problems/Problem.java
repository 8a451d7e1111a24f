package dev.stepwise.prover.problems;

import dev.stepwise.search.Theorem;
import java.util.Objects;

/**
 * One statement to prove. {@code header} is everything the statement needs before it (imports,
 * opens, options, auxiliary definitions); {@code formalStatement} is the declaration up to and
 * including {@code := by}; {@code source} says where it came from (a dataset row, a file and line).
 */
public record Problem(String name, String split, String header, String formalStatement,
        String informalStatement, String source) {

    public Problem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(formalStatement, "formalStatement");
        Objects.requireNonNull(informalStatement, "informalStatement");
        Objects.requireNonNull(source, "source");
        if (name.isBlank()) {
            throw new IllegalArgumentException("problem name is blank");
        }
        if (!formalStatement.stripTrailing().endsWith(":= by")) {
            throw new IllegalArgumentException("formal statement of " + name + " does not end in ':= by'");
        }
    }

    /**
     * The problem as a complete Lean file whose proof is left as {@code sorry}, with the informal
     * statement as the theorem's doc comment.
     */
    public String toLeanFile() {
        String h = header.isEmpty() || header.endsWith("\n") ? header : header + "\n";
        String doc = informalStatement.isBlank() ? ""
                : "/-- " + informalStatement.strip().replace("-/", "- /") + " -/\n";
        return h + doc + formalStatement.stripTrailing() + "\n  sorry\n";
    }

    public Theorem theorem() {
        return new Theorem(name, header, formalStatement);
    }
}
