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
 */
public record WholeProofPlan(WholeProofTemplate template, int samples, int batch, long tokenBudget) {
    public WholeProofPlan {
        Objects.requireNonNull(template, "template");
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
