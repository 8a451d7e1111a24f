package dev.stepwise.iteration;

import java.util.List;

/**
 * What a round's harvest stage found.
 *
 * @param proofs statements with an accepted proof that the harvest used (one shortest proof each)
 * @param proofSteps tactics on those proofs together
 */
public record Harvest(List<Example> examples, int proofs, int proofSteps) {
    public Harvest {
        examples = List.copyOf(examples);
    }

    public long count(ExampleKind kind) {
        return examples.stream().filter(e -> e.kind() == kind).count();
    }

    public String summary() {
        return proofs + " proofs (" + proofSteps + " steps): " + count(ExampleKind.SFT) + " sft, " + count(ExampleKind.DPO)
                + " dpo, " + count(ExampleKind.CRITIC) + " critic examples";
    }
}
