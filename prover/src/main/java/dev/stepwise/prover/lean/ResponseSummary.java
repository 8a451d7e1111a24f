package dev.stepwise.prover.lean;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.lean.Message;
import dev.stepwise.lean.ProofStatus;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.lean.Severity;
import java.util.List;

/**
 * What {@code stepwise lean parse} prints for one REPL response: its kind, ids, message counts
 * by severity, sorry count and status. {@code null} fields are printed as JSON null.
 */
record ResponseSummary(String kind, Integer env, Integer proofState, Integer goals, String proofStatus,
        int errors, int warnings, int infos, int sorries, String message) {

    static ResponseSummary of(ReplResponse response) {
        return switch (response) {
            case ReplResponse.CommandResult c -> new ResponseSummary("command", c.env(), null, null, null,
                    count(c.messages(), Severity.ERROR), count(c.messages(), Severity.WARNING),
                    count(c.messages(), Severity.INFO), c.sorries().size(), null);
            case ReplResponse.TacticResult t -> new ResponseSummary("tactic", null, t.proofState(), t.goals().size(),
                    statusText(t.proofStatus()), count(t.messages(), Severity.ERROR),
                    count(t.messages(), Severity.WARNING), count(t.messages(), Severity.INFO), t.sorries().size(), null);
            case ReplResponse.ErrorMessage e -> new ResponseSummary("error", null, null, null, null, 0, 0, 0, 0,
                    e.message());
        };
    }

    private static String statusText(ProofStatus status) {
        return switch (status) {
            case ProofStatus.NotReported n -> null;
            case ProofStatus.Completed s -> s.text();
            case ProofStatus.OpenGoals s -> s.text();
            case ProofStatus.ContainsMetavariables s -> s.text();
            case ProofStatus.ContainsSorry s -> s.text();
            case ProofStatus.GoalNotAssigned s -> s.text();
            case ProofStatus.TypeMismatch s -> s.text();
            case ProofStatus.KernelCheckFailed s -> s.text();
            case ProofStatus.MultipleInitialGoals s -> s.text();
            case ProofStatus.Unrecognized s -> s.text();
        };
    }

    private static int count(List<Message> messages, Severity severity) {
        return (int) messages.stream().filter(m -> m.severity() == severity).count();
    }

    /** The JSON object, keys in the documented order. */
    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", kind);
        o.put("env", env);
        o.put("proofState", proofState);
        o.put("goals", goals);
        o.put("proofStatus", proofStatus);
        o.put("errors", errors);
        o.put("warnings", warnings);
        o.put("infos", infos);
        o.put("sorries", sorries);
        o.put("message", message);
        return o;
    }
}
