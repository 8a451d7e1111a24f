package dev.stepwise.prover.run;

import dev.stepwise.prover.policy.prompt.WholeProofTemplate;
import java.util.Objects;

/**
 * One whole-proof attempt's shape: the model's format, how many proofs it samples and how many
 * one request asks for, and its token budget.
 *
 * @param samples proofs sampled per attempt (the attempt stops at the first accepted one)
 * @param batch proofs asked for in one request ({@code n})
 * @param tokenBudget model tokens (prompt and completion) per attempt; no request starts once
 *     they are spent (0 = no limit)
 * @param revisions how often a proof Lean refused goes back to the model with Lean's errors
 *     (Goedel-Prover-V2's self-correction), each revision checked again; 0 for none
 */
public record WholeProofPlan(WholeProofTemplate template, int samples, int batch, long tokenBudget, int revisions) {
    /** Without revisions. */
    public WholeProofPlan(WholeProofTemplate template, int samples, int batch, long tokenBudget) {
        this(template, samples, batch, tokenBudget, 0);
    }

    public WholeProofPlan {
        Objects.requireNonNull(template, "template");
        if (revisions < 0) {
            throw new IllegalArgumentException("revisions must be >= 0, got " + revisions);
        }
        if (revisions > 0 && !template.chat()) {
            throw new IllegalArgumentException("revisions need a chat template (Goedel-Prover-V2's self-correction is a "
                    + "chat turn); " + template.name() + " continues a completion prompt");
        }
        if (samples < 1 || batch < 1) {
            throw new IllegalArgumentException("samples and batch must be >= 1, got " + samples + " and " + batch);
        }
        if (tokenBudget < 0) {
            throw new IllegalArgumentException("token budget must be >= 0, got " + tokenBudget);
        }
    }

    /** Requests one attempt sends when no proof is accepted and the budget lasts. */
    int requests() {
        return (samples + batch - 1) / batch;
    }

    /** Proofs asked for in request {@code r}: {@code batch}, the last one the rest. */
    int samplesIn(int r) {
        return Math.min(batch, samples - r * batch);
    }
}
