package dev.stepwise.prover.problems;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The statement file with found proofs in place of {@code sorry}: everything else (comments,
 * headers, declarations left unproved) stays byte for byte, so the result compiles as the
 * original did, with fewer sorries.
 */
public final class ProvedFile {
    private ProvedFile() {
    }

    /**
     * @param proofs tactic lists by declaration name; declarations not in the map keep their body
     */
    public static String render(String text, List<LeanDeclaration> declarations, Map<String, List<String>> proofs) {
        StringBuilder out = new StringBuilder(text);
        // From the end backwards, so earlier offsets stay valid while later bodies change length.
        List<LeanDeclaration> byOffset = declarations.stream()
                .sorted(Comparator.comparingInt(LeanDeclaration::assignOffset).reversed()).toList();
        for (LeanDeclaration d : byOffset) {
            List<String> tactics = proofs.get(d.name());
            if (tactics == null) {
                continue;
            }
            if (tactics.isEmpty()) {
                throw new IllegalArgumentException("empty proof for " + d.name());
            }
            StringBuilder body = new StringBuilder(":= by");
            for (String tactic : tactics) {
                body.append("\n  ").append(tactic.strip().replace("\n", "\n  "));
            }
            out.replace(d.assignOffset(), d.endOffset(), body.toString());
        }
        return out.toString();
    }
}
