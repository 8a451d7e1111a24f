package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stepwise.search.FailureReason;
import dev.stepwise.search.SearchOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search's failure reasons keep the database codes and details they always had, and read back as themselves. */
class OutcomeCodesTest {

    @Test
    void budgetsShareOneCodeAndAreToldApartByTheDetail() {
        List<String> stored = List.of(
                code(FailureReason.BUDGET_EXPANSIONS, "100 of 100"), code(FailureReason.BUDGET_TACTICS, ""),
                code(FailureReason.BUDGET_TOKENS, "1023 of 1000"), code(FailureReason.BUDGET_TIME, "600 s"));
        assertEquals(List.of("budget-exhausted|expansions budget: 100 of 100", "budget-exhausted|tactic calls budget",
                "budget-exhausted|tokens budget: 1023 of 1000", "budget-exhausted|time budget: 600 s"), stored);
    }

    @Test
    void everyReasonReadsBackAsItselfWithItsDetail() {
        for (FailureReason reason : FailureReason.values()) {
            for (String detail : List.of("", "what ran out: 3 of 3")) {
                SearchOutcome.Failed f = new SearchOutcome.Failed(reason, detail);
                SearchOutcome.Failed back = OutcomeCodes.failure(OutcomeCodes.code(reason), OutcomeCodes.detail(f));
                // Lean's faults were always stored as a failure of the environment; the code cannot tell them apart.
                FailureReason expected = reason == FailureReason.LEAN_FAULTS ? FailureReason.ENVIRONMENT_FAILURE : reason;
                assertEquals(new SearchOutcome.Failed(expected, detail), back, reason + " / " + detail);
            }
        }
    }

    @Test
    void theOtherCodesAreTheOnesTheSchemaLists() {
        assertEquals("frontier-exhausted|every state expanded", code(FailureReason.FRONTIER_EXHAUSTED, "every state expanded"));
        assertEquals("environment-failure|2 step(s) got no answer", code(FailureReason.LEAN_FAULTS, "2 step(s) got no answer"));
        assertEquals("environment-failure|", code(FailureReason.ENVIRONMENT_FAILURE, ""));
        assertEquals("policy-unavailable|", code(FailureReason.POLICY_UNAVAILABLE, ""));
        assertEquals("cancelled|", code(FailureReason.CANCELLED, ""));
        StoreException e = assertThrows(StoreException.class, () -> OutcomeCodes.failure("gave-up", ""));
        assertEquals("unknown attempt outcome 'gave-up' in the database", e.getMessage());
    }

    private static String code(FailureReason reason, String detail) {
        return OutcomeCodes.code(reason) + "|" + OutcomeCodes.detail(new SearchOutcome.Failed(reason, detail));
    }
}
