package dev.stepwise.search;

import java.util.List;
import java.util.concurrent.CancellationException;

/** Lets at most the gauge's cap of environment calls run at once; callers wait their turn. */
final class BoundedEnvironment implements ProofEnvironment {
    private final ProofEnvironment delegate;
    private final InFlightGauge gauge;

    BoundedEnvironment(ProofEnvironment delegate, InFlightGauge gauge) {
        this.delegate = delegate;
        this.gauge = gauge;
    }

    @Override
    public StartOutcome start(Theorem theorem) {
        enter();
        try {
            return delegate.start(theorem);
        } finally {
            gauge.exit();
        }
    }

    @Override
    public TacticOutcome apply(Theorem theorem, ProofState state, List<String> proofBefore, String tactic) {
        enter();
        try {
            return delegate.apply(theorem, state, proofBefore, tactic);
        } finally {
            gauge.exit();
        }
    }

    private void enter() {
        try {
            gauge.enter();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a Lean slot");
        }
    }
}
