package dev.stepwise.prover.store;

import dev.stepwise.search.FailureReason;
import dev.stepwise.search.SearchOutcome;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one place where the search's outcomes meet the {@code attempts.outcome} and
 * {@code proofs.verdict} columns (their CHECK lists are in {@code V1__initial.sql}). The store keeps
 * the codes it has always kept: the four budgets share {@code budget-exhausted} and name the budget
 * at the head of the detail, and Lean's faults count as {@code environment-failure}, so reading a
 * row back gives the search's own reason except that {@link FailureReason#LEAN_FAULTS} reads as
 * {@link FailureReason#ENVIRONMENT_FAILURE} (the code never told them apart).
 */
public final class OutcomeCodes {
    /** {@code attempts.outcome} of an attempt that found a proof (its proofs row holds the rest). */
    static final String PROOF_FOUND = "proof-found";
    /** {@code proofs.verdict}: only accepted proofs are stored, since the search keeps no other. */
    static final String ACCEPTED = "accepted";

    /**
     * How one reason is stored.
     *
     * @param code the {@code attempts.outcome} text
     * @param budget the budget's name at the head of the detail, or empty for reasons that are no budget
     */
    private record Code(String code, String budget) {
    }

    private static final Map<FailureReason, Code> CODES = new EnumMap<>(Map.of(
            FailureReason.BUDGET_EXPANSIONS, new Code("budget-exhausted", "expansions"),
            FailureReason.BUDGET_TACTICS, new Code("budget-exhausted", "tactic calls"),
            FailureReason.BUDGET_TOKENS, new Code("budget-exhausted", "tokens"),
            FailureReason.BUDGET_TIME, new Code("budget-exhausted", "time"),
            FailureReason.FRONTIER_EXHAUSTED, new Code("frontier-exhausted", ""),
            // Lean's faults decided the attempt: a failure of the environment, like one that stopped it at the start.
            FailureReason.LEAN_FAULTS, new Code("environment-failure", ""),
            FailureReason.ENVIRONMENT_FAILURE, new Code("environment-failure", ""),
            FailureReason.STATEMENT_ERROR, new Code("statement-error", ""),
            FailureReason.POLICY_UNAVAILABLE, new Code("policy-unavailable", ""),
            FailureReason.CANCELLED, new Code("cancelled", "")));

    static {
        if (CODES.size() != FailureReason.values().length) {
            throw new ExceptionInInitializerError("a failure reason has no database code");
        }
    }

    private OutcomeCodes() {
    }

    /** The {@code attempts.outcome} text of a reason. */
    public static String code(FailureReason reason) {
        return CODES.get(reason).code();
    }

    /** The {@code attempts.detail} text of a failure: a budget's name goes first, since the code is shared. */
    static String detail(SearchOutcome.Failed failed) {
        String budget = CODES.get(failed.reason()).budget();
        if (budget.isEmpty()) {
            return failed.detail();
        }
        return failed.detail().isEmpty() ? budget + " budget" : budget + " budget: " + failed.detail();
    }

    /** A failure as stored, read back: the inverse of {@link #code} and {@link #detail}. */
    static SearchOutcome.Failed failure(String code, String detail) {
        FailureReason match = null;
        for (FailureReason r : FailureReason.values()) {
            Code c = CODES.get(r);
            if (!c.code().equals(code) || r == FailureReason.LEAN_FAULTS) {
                continue;
            }
            if (c.budget().isEmpty()) {
                return new SearchOutcome.Failed(r, detail);
            }
            String head = c.budget() + " budget";
            if (detail.equals(head)) {
                return new SearchOutcome.Failed(r, "");
            }
            if (detail.startsWith(head + ": ")) {
                return new SearchOutcome.Failed(r, detail.substring(head.length() + 2));
            }
            if (match == null) {
                match = r;
            }
        }
        if (match != null) {
            // A budget row whose detail names no budget (never written so): the code is all there is.
            return new SearchOutcome.Failed(match, detail);
        }
        throw new StoreException("unknown attempt outcome '" + code + "' in the database");
    }
}
