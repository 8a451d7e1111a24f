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
 * @param revisions edges of the tree that revise an earlier proof from Lean's errors (whole-proof
 *     repair; 0 for a step search)
 */
public record SearchResult(String theorem, long seed, double alpha, SearchOutcome outcome, RecordedTree tree,
        Duration policyTime, Duration environmentTime, Duration acceptanceTime, Duration criticTime,
        Duration totalTime, int nodes, long expansions, long tacticApplications, long promptTokens,
        long completionTokens, int filteredCandidates, int duplicateCandidates, int maxDepth, int revisions) {
    /** An attempt that revised nothing (every step search). */
    public SearchResult(String theorem, long seed, double alpha, SearchOutcome outcome, RecordedTree tree,
            Duration policyTime, Duration environmentTime, Duration acceptanceTime, Duration criticTime,
            Duration totalTime, int nodes, long expansions, long tacticApplications, long promptTokens,
            long completionTokens, int filteredCandidates, int duplicateCandidates, int maxDepth) {
        this(theorem, seed, alpha, outcome, tree, policyTime, environmentTime, acceptanceTime, criticTime, totalTime, nodes,
                expansions, tacticApplications, promptTokens, completionTokens, filteredCandidates, duplicateCandidates,
                maxDepth, 0);
    }

    public SearchResult {
        Objects.requireNonNull(theorem, "theorem");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(policyTime, "policyTime");
        Objects.requireNonNull(environmentTime, "environmentTime");
        Objects.requireNonNull(acceptanceTime, "acceptanceTime");
        Objects.requireNonNull(criticTime, "criticTime");
        Objects.requireNonNull(totalTime, "totalTime");
        if (revisions < 0 || revisions > tree.edges().size()) {
            throw new IllegalArgumentException("revisions must be in 0.." + tree.edges().size() + ", got " + revisions);
        }
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
