package dev.stepwise.iteration;

/** The enumerated choices of the train stage. */
public final class TrainingChoices {
    private TrainingChoices() {
    }

    /** What the trainer optimises. */
    public enum Method {
        /** Supervised fine-tuning on the prompt/completion file. */
        SFT,
        /** Direct preference optimisation on the DPO pairs (BFS-Prover, for rounds that yield little data). */
        DPO
    }

    /** Which weights change. */
    public enum Finetune {
        LORA,
        FULL
    }

    /** Where training starts and on which data. */
    public enum Mode {
        /** From the base model on the data of every round so far (BFS-Prover, Polu et al.). */
        RETRAIN_FROM_BASE,
        /** From the current model on this round's data only. */
        CONTINUE
    }

    /** Whether the proofs of statements the pre-pass solved become training data. */
    public enum EasyProofs {
        EXCLUDE,
        KEEP
    }

    /** Whether the search stage first runs the cheap pre-pass. */
    public enum Prepass {
        ON,
        OFF
    }
}
