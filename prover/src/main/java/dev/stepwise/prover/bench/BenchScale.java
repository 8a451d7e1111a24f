package dev.stepwise.prover.bench;

/**
 * How big a benchmark run is. {@code FULL} measures the figures held to their targets;
 * {@code QUICK} runs the same code on tiny inputs so tests and CI can check that it works.
 */
public enum BenchScale {
    FULL,
    QUICK
}
