package dev.stepwise.prover.run;

import dev.stepwise.prover.problems.LeanDeclaration;
import dev.stepwise.prover.problems.LeanFileParser;
import dev.stepwise.prover.problems.ProblemFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proof of one theorem in a model's Lean code: the text after its {@code := by}, as tactic
 * lines at column 0. Only the proof is taken; the statement checked is always the reference one
 * (as Goedel-Prover-V2's {@code replace_statement_in_proof} puts the dataset's statement before the
 * model's proof), so a model that restates the theorem differently proves the reference or
 * nothing. Lemmas the model declared beside it are left out: the gate admits no added declarations.
 */
final class ProofBody {
    private ProofBody() {
    }

    /** What was found: the proof, or why there is none. */
    sealed interface Found {
    }

    record Proof(String tactics) implements Found {
    }

    record None(String why) implements Found {
    }

    static Found of(String code, String declarationName) {
        List<LeanDeclaration> declarations;
        try {
            declarations = LeanFileParser.declarations(code, "the model's reply");
        } catch (ProblemFileException e) {
            return new None("the reply's Lean code does not parse as declarations: " + e.getMessage());
        }
        Optional<LeanDeclaration> named = declarations.stream().filter(d -> d.name().equals(declarationName)).findFirst();
        if (named.isEmpty()) {
            return new None("the reply's Lean code has no theorem " + declarationName);
        }
        LeanDeclaration d = named.get();
        if (d.bodyKind() == LeanDeclaration.BodyKind.MISSING || d.body().isBlank()) {
            return new None("the reply's theorem " + declarationName + " has no proof");
        }
        return new Proof(dedent(d.body()));
    }

    /**
     * The body with its tactic lines at column 0: the first line comes stripped (it followed
     * {@code by}), the others lose the indentation they all share, so the gate's layout (two
     * spaces under the statement) gives them back one common indentation.
     */
    static String dedent(String body) {
        List<String> lines = body.lines().toList();
        int common = Integer.MAX_VALUE;
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.isBlank()) {
                common = Math.min(common, l.length() - l.stripLeading().length());
            }
        }
        List<String> out = new ArrayList<>();
        out.add(lines.get(0).strip());
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            out.add(l.isBlank() ? "" : l.substring(Math.min(common, l.length())).stripTrailing());
        }
        return String.join("\n", out).strip();
    }
}
