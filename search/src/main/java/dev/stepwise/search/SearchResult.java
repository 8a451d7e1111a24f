package dev.stepwise.search;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one attempt: its outcome, the whole recorded tree and what it cost.
 *
 * @param policyTime time waiting for the policy
 * @param environmentTime time in the environment (start and tactics)
 * @param acceptanceTime time in the caller's acceptance check
 * @param criticTime time waiting for the critic
 * @param totalTime wall time of the whole attempt
 * @param nodes state nodes in the tree
 * @param maxDepth the deepest node's depth
 */
public record SearchResult(String theorem, long seed, double alpha, SearchOutcome outcome, RecordedTree tree,
        Duration policyTime, Duration environmentTime, Duration acceptanceTime, Duration criticTime,
        Duration totalTime, int nodes, long expansions, long tacticApplications, long promptTokens,
        long completionTokens, int filteredCandidates, int duplicateCandidates, int maxDepth) {
    public SearchResult {
        Objects.requireNonNull(theorem, "theorem");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(policyTime, "policyTime");
        Objects.requireNonNull(environmentTime, "environmentTime");
        Objects.requireNonNull(acceptanceTime, "acceptanceTime");
        Objects.requireNonNull(criticTime, "criticTime");
        Objects.requireNonNull(totalTime, "totalTime");
    }

    public boolean proved() {
        return outcome instanceof SearchOutcome.Proved;
    }

    public Optional<Proof> proof() {
        return outcome instanceof SearchOutcome.Proved p ? Optional.of(p.proof()) : Optional.empty();
    }

    /** The failure reason, or empty when proved. */
    public Optional<FailureReason> failure() {
        return outcome instanceof SearchOutcome.Failed f ? Optional.of(f.reason()) : Optional.empty();
    }

    public long tokens() {
        return promptTokens + completionTokens;
    }
}
