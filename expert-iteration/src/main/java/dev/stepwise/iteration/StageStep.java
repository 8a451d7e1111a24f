package dev.stepwise.iteration;

/**
 * The work of one stage. It must be idempotent: a stage killed half way is run again from the
 * start, and must then end exactly as if it had run once. It returns a one-line summary.
 */
interface StageStep {
    String run(RoundContext round);
}
