package dev.stepwise.prover.run;

import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.AttemptPlan;
import dev.stepwise.search.Theorem;
import dev.stepwise.search.TheoremResult;
import java.util.concurrent.CompletableFuture;

/** One mode's attempts on theorems: the plan's attempts on a theorem until one proves it, each recorded with {@link #mode()}. */
public interface ModeAttempts {

    AttemptMode mode();

    /** @param informal the informal statement some prompts show the model ("" for none) */
    CompletableFuture<TheoremResult> submit(Theorem theorem, String informal, AttemptPlan attempts);
}
