package dev.stepwise.prover.store;

/** The kinds of training example a round harvests. */
public enum ExampleKind implements Columns.Coded {
    /** A (state, tactic) pair along an accepted proof: prompt and completion. */
    SFT("sft"),
    /** The tactic on the proof path (chosen) against a sibling that failed in Lean (rejected). */
    DPO("dpo"),
    /** A state that leads to a proof (chosen) over one that does not, or over its ancestor (rejected). */
    CRITIC("critic");

    private final String code;

    ExampleKind(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
