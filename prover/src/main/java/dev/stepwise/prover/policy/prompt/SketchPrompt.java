package dev.stepwise.prover.policy.prompt;

import java.util.ArrayList;
import java.util.List;

/**
 * Sketch mode's planner conversation. No released planner prompt is published byte for byte
 * (DeepSeek-Prover-V2's paper describes prompting DeepSeek-V3 for a decomposition into
 * {@code have} statements with {@code sorry} proofs; BFS-Prover-V2's planner proposes
 * intermediate {@code have} lemmas), so this is Stepwise's own, written for any chat model: the
 * statement in a {@code lean4} block, a request for a sketch whose intermediate facts are
 * {@code have NAME : STATEMENT := by sorry} lines, and, after a sketch that failed, why, with a
 * request for another. The reply's code is taken as DeepSeek-Prover-V2's is (the last
 * {@code lean4} block, {@link ProofExtraction#LAST_LEAN4_BLOCK}).
 */
public final class SketchPrompt {
    private SketchPrompt() {
    }

    /** The first request: the theorem and what a sketch is. */
    public static List<ChatMessage> first(WholeProofInput input) {
        StringBuilder b = new StringBuilder();
        b.append("Write a proof sketch in Lean 4 (Mathlib) for the theorem below.\n");
        if (!input.informal().isBlank()) {
            b.append("\nInformal statement: ").append(input.informal().strip()).append('\n');
        }
        b.append("\n```lean4\n").append(input.header());
        if (!input.header().isEmpty() && !input.header().endsWith("\n")) {
            b.append('\n');
        }
        b.append(input.statement().stripTrailing()).append("\n  sorry\n```\n\n")
                .append("State the intermediate facts the proof needs as `have NAME : STATEMENT := by sorry` lines, "
                        + "leaving each of their proofs as `sorry`, then close the theorem's goal from them with ordinary "
                        + "tactics. Another prover will prove each `sorry`. Answer with the whole Lean 4 file, the theorem "
                        + "unchanged, in one ```lean4 block.");
        return List.of(ChatMessage.user(b.toString()));
    }

    /** The conversation after a sketch that failed: the sketch as the planner wrote it, and why it failed. */
    public static List<ChatMessage> replan(List<ChatMessage> before, String reply, String why) {
        List<ChatMessage> out = new ArrayList<>(before);
        out.add(ChatMessage.assistant(reply));
        out.add(ChatMessage.user("That proof sketch did not work: " + why.strip()
                + "\n\nWrite another proof sketch, in the same form, that avoids this."));
        return List.copyOf(out);
    }
}
