package dev.stepwise.prover.policy;

import dev.stepwise.search.TacticPolicy;

/** A policy ready for use, holding resources (threads, the tokenizer) until closed. */
public interface OpenPolicy extends TacticPolicy, AutoCloseable {

    /** One line for run records and progress output, e.g. "model X at http://… (vllm), template bfs-prover". */
    String description();

    @Override
    void close();
}
