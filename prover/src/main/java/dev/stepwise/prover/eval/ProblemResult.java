package dev.stepwise.prover.eval;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of one problem in a run: one row of {@code results.jsonl}.
 *
 * @param proof the tactics of the accepted proof, in order (empty unless proved)
 * @param verdict the gate's verdict for a proof, or why the problem is unproved
 */
public record ProblemResult(String name, String family, Outcome outcome, List<String> proof, int attempts,
        long expansions, long tacticCalls, long tokens, Duration time, String verdict, String sketches) {

    /** A result with no sketch attempt. */
    public ProblemResult(String name, String family, Outcome outcome, List<String> proof, int attempts,
            long expansions, long tacticCalls, long tokens, Duration time, String verdict) {
        this(name, family, outcome, proof, attempts, expansions, tacticCalls, tokens, time, verdict, "");
    }

    /** PROVED counts; UNPROVED is a final answer; FAILED (environment or model gone) is retried on resume. */
    public enum Outcome {
        PROVED,
        UNPROVED,
        /** Lean did not elaborate the statement: not the prover's no, so never counted as unproved. */
        STATEMENT_ERROR,
        FAILED;

        /** How results files, reports and the CLI write it: {@code proved}, {@code statement-error}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public ProblemResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(sketches, "sketches");
        proof = List.copyOf(proof);
        if (outcome == Outcome.PROVED && proof.isEmpty()) {
            throw new IllegalArgumentException(name + ": a proved result needs its proof");
        }
        if (attempts < 0 || expansions < 0 || tacticCalls < 0 || tokens < 0) {
            throw new IllegalArgumentException(name + ": counts must be >= 0");
        }
    }

    public boolean proved() {
        return outcome == Outcome.PROVED;
    }

    /** The same result with its sketch attempts' line ("" for none). */
    public ProblemResult withSketches(String line) {
        return new ProblemResult(name, family, outcome, proof, attempts, expansions, tacticCalls, tokens, time, verdict, line);
    }
}
