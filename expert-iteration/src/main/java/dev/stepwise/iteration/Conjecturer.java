package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.List;
import java.util.Optional;

/**
 * The conjecturer of a round's conjecture stage (STP): a model asked, from a statement and its
 * accepted proof, for new statements; and the acceptance gate's word filter their text must pass.
 */
public interface Conjecturer {

    /** The model the conjectures come from, for the export's provenance. */
    String model();

    /** The prompt the model is asked with for this seed: the conjecturer's training prompt too. */
    String prompt(String seedStatementAndProof);

    /**
     * Up to {@code k} statements, each a declaration ending in {@code := by} (the name the model
     * chose is replaced by the stage), sampled with {@code seed}.
     */
    List<String> propose(String seedStatementAndProof, int k, long seed);

    /** The completion a conjecturer is trained to write for {@code statement}, after {@link #prompt}. */
    String completion(String statement);

    /** Why the gate's word filter refuses the statement's text, if it does. */
    Optional<String> refuses(String statement);

    /** Whether Lean elaborates a theorem: empty if it does, else Lean's reason. */
    interface StatementCheck {
        Optional<String> rejects(Theorem theorem);
    }

    /** Every conjecture of every round, with its verdicts (the application's database). */
    interface Book {
        /** Records a round's conjectures; recording the round again replaces them. */
        void record(int round, List<Conjecture> conjectures);

        /** The conjectures of rounds before {@code round}, oldest first. */
        List<Conjecture> before(int round);
    }
}
