package dev.stepwise.prover.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.prover.policy.prompt.WholeProofTemplate;
import org.junit.jupiter.api.Test;

/** The configuration lists the whole-proof templates by name (it sits below the policy layer): the two lists agree. */
class WholeProofKeysTest {
    @Test
    void theKeyAcceptsExactlyTheBuiltInWholeProofTemplates() {
        assertEquals(WholeProofTemplate.builtInNames(), PolicyKeys.WHOLE_PROOF_TEMPLATES);
    }
}
