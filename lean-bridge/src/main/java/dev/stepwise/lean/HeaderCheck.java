package dev.stepwise.lean;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Imports a header as a fresh command and checks the env is healthy with a command that must
 * succeed: the REPL answers {@code {"env": 0}} to {@code import NoSuchThing} without a word, and
 * the environment is then empty, so even {@code #check Nat} fails in it.
 */
final class HeaderCheck {
    private HeaderCheck() {
    }

    /** The command that must elaborate without error on a healthy env of this header. */
    static String probe(String header) {
        return header.contains("import Mathlib") ? "#check (Real.sqrt : ℝ → ℝ)" : "#check Nat";
    }

    static HeaderEnv warm(ReplProcess process, String header, java.time.Duration deadline) {
        ReplResponse imported = process.send(ReplRequest.Command.fresh(header), deadline);
        int env;
        switch (imported) {
            case ReplResponse.CommandResult c -> {
                String errors = errors(c.messages());
                if (!errors.isEmpty()) {
                    return new HeaderEnv.Failed("the header does not elaborate: " + errors);
                }
                env = c.env();
            }
            case ReplResponse.TacticResult t -> {
                return new HeaderEnv.Failed("the REPL answered the header with a tactic result");
            }
            case ReplResponse.ErrorMessage e -> {
                return new HeaderEnv.Failed("the REPL refused the header: " + e.message());
            }
        }
        String probe = probe(header);
        ReplResponse checked = process.send(ReplRequest.Command.in(env, probe), deadline);
        return switch (checked) {
            case ReplResponse.CommandResult c -> {
                String errors = errors(c.messages());
                yield errors.isEmpty() ? new HeaderEnv.Ready(env)
                        : new HeaderEnv.Failed("the header env is unhealthy (" + probe + " fails: " + errors
                                + "); are its imports built?");
            }
            case ReplResponse.TacticResult t -> new HeaderEnv.Failed("the health check got a tactic result");
            case ReplResponse.ErrorMessage e -> new HeaderEnv.Failed("the health check was refused: " + e.message());
        };
    }

    private static String errors(List<Message> messages) {
        return messages.stream().filter(m -> m.severity() == Severity.ERROR).map(Message::data)
                .collect(Collectors.joining("; "));
    }
}
