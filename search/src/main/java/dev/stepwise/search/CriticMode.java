package dev.stepwise.search;

/** How a critic's score of a state ({@link StateScorer}) orders the frontier. */
public enum CriticMode {
    /** The critic is not asked; the frontier is ordered by the policy's path score alone. */
    POLICY_ONLY,
    /** The critic's score alone orders the frontier (InternLM2.5-StepProver's critic-guided search). */
    CRITIC_ONLY,
    /** Policy path score plus {@code criticWeight} times the critic's score. */
    WEIGHTED;

    double combine(double policyPriority, double criticScore, double criticWeight) {
        return switch (this) {
            case POLICY_ONLY -> policyPriority;
            case CRITIC_ONLY -> criticScore;
            case WEIGHTED -> policyPriority + criticWeight * criticScore;
        };
    }
}
