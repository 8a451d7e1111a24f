package dev.stepwise.lean;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Completion of a proof on REPL tags that report no {@code proofStatus} (before v4.19.0;
 * leanprover-community/repl PR #63). There a finished proof is {@code goals: []} with no status,
 * exactly as some failures look, so the step counts as complete only when the statement followed
 * by the whole tactic path elaborates as one command on the header's env with no error, no
 * {@code sorries} entry and no sorry warning (either spelling). This is the gate's
 * re-elaboration without its axiom audit and text checks, which the gate still runs on every
 * proof found.
 */
final class WholeProofCheck {
    private WholeProofCheck() {
    }

    /** Whether a tactic result needs this check: no error, no goals and no status to say what that means. */
    static boolean applies(ReplResponse.TacticResult t) {
        return t.proofStatus() instanceof ProofStatus.NotReported && t.goals().isEmpty() && !t.hasError();
    }

    /**
     * The step's outcome: complete, or a Lean error naming why the whole proof does not stand.
     *
     * @param deadline for the whole elaboration: it replays every tactic of the path, so it gets
     *     a tactic's deadline per tactic
     */
    static StepOutcome judge(ReplLease lease, SessionState state, String lastTactic, Duration deadline) {
        int env;
        switch (lease.header(state.header())) {
            case HeaderEnv.Ready r -> env = r.env();
            case HeaderEnv.Failed f -> {
                return new StepOutcome.Crash("the header env is not healthy: " + f.reason());
            }
        }
        List<String> tactics = new ArrayList<>(state.path());
        tactics.add(lastTactic);
        ReplResponse response = lease.send(ReplRequest.Command.in(env, theoremText(state.statement(), tactics)), deadline);
        return failure(response).<StepOutcome>map(
                why -> new StepOutcome.LeanError("no goals remain but the whole proof does not elaborate: " + why))
                .orElseGet(StepOutcome.Complete::new);
    }

    /** Why the elaborated theorem does not stand, or empty when it elaborated cleanly. */
    static Optional<String> failure(ReplResponse response) {
        return switch (response) {
            case ReplResponse.ErrorMessage e -> Optional.of("the REPL refused it: " + e.message());
            case ReplResponse.TacticResult t -> Optional.of("the REPL answered it with a tactic result");
            case ReplResponse.CommandResult c -> {
                List<String> problems = new ArrayList<>();
                for (Message m : c.messages()) {
                    if (m.severity() == Severity.ERROR || m.isSorryWarning()) {
                        problems.add(m.data());
                    }
                }
                if (!c.sorries().isEmpty()) {
                    problems.add("it contains sorry");
                }
                yield problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems));
            }
        };
    }

    /**
     * The statement with the tactics under it, two spaces in (the layout the prover's gate
     * elaborates, GateAcceptor.theoremText): a tactic's own later lines keep their offset.
     */
    static String theoremText(String statement, List<String> tactics) {
        StringBuilder b = new StringBuilder(statement.stripTrailing());
        for (String t : tactics) {
            b.append("\n  ").append(t.strip().replace("\n", "\n  "));
        }
        return b.toString();
    }
}
