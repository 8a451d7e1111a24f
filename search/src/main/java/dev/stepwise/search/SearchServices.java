package dev.stepwise.search;

import java.util.Objects;

/**
 * What a search talks to. All of them are shared by many searches at once and hold no per-search
 * state.
 */
public record SearchServices(ProofEnvironment environment, TacticPolicy policy, StateScorer critic,
        ProofAcceptor acceptor, MonotonicClock clock) {
    public SearchServices {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(critic, "critic");
        Objects.requireNonNull(acceptor, "acceptor");
        Objects.requireNonNull(clock, "clock");
    }

    /** No critic, every proof accepted, the system clock. */
    public static SearchServices of(ProofEnvironment environment, TacticPolicy policy) {
        return new SearchServices(environment, policy, StateScorer.NONE, ProofAcceptor.ACCEPT_ALL,
                MonotonicClock.system());
    }

    public SearchServices withEnvironment(ProofEnvironment e) {
        return new SearchServices(e, policy, critic, acceptor, clock);
    }

    public SearchServices withPolicy(TacticPolicy p) {
        return new SearchServices(environment, p, critic, acceptor, clock);
    }

    public SearchServices withCritic(StateScorer c) {
        return new SearchServices(environment, policy, c, acceptor, clock);
    }

    public SearchServices withAcceptor(ProofAcceptor a) {
        return new SearchServices(environment, policy, critic, a, clock);
    }

    public SearchServices withClock(MonotonicClock c) {
        return new SearchServices(environment, policy, critic, acceptor, c);
    }
}
