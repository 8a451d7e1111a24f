package dev.stepwise.prover.iterate;

import dev.stepwise.iteration.CriticScorer;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.prover.critic.CriticUnavailableException;
import dev.stepwise.prover.critic.PoolingCritic;
import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Objects;

/**
 * The curriculum's critic: a reward model on vLLM's pooling API ({@link PoolingCritic}) scoring
 * each unsolved statement's text; a critic that cannot answer stops the round as an environment error.
 */
final class PoolingCriticScorer implements CriticScorer {
    private final PoolingCritic critic;

    PoolingCriticScorer(PoolingCritic critic) {
        this.critic = Objects.requireNonNull(critic, "critic");
    }

    @Override
    public List<Double> score(List<Theorem> theorems) {
        try {
            return critic.score(theorems.stream().map(Theorem::statement).toList());
        } catch (CriticUnavailableException e) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, e.getMessage()
                    + " (iterate.critic-url must point to a reward model served with vLLM's pooling API)", e);
        }
    }
}
