package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.Message;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.lean.ResponseWriter;
import dev.stepwise.lean.Severity;
import java.util.regex.Pattern;

/** How the simulated REPL writes its answers and the messages Lean gives, in its dialect. */
final class Answers {
    /**
     * Lean's {@code trace "msg"} tactic (lean4 src/Lean/Elab/Tactic/BuiltinTactic.lean, evalTraceMessage:
     * addRawTrace) reports {@code msg} as an info message of the command and leaves the goals alone.
     */
    static final Pattern TRACE = Pattern.compile("^trace\\s+\"((?:[^\"\\\\]|\\\\.)*)\"$", Pattern.DOTALL);

    private final ReplDialect dialect;
    private final ResponseWriter writer;

    Answers(ReplDialect dialect, ResponseWriter writer) {
        this.dialect = dialect;
        this.writer = writer;
    }

    ReplDialect dialect() {
        return dialect;
    }

    ReplAnswer reply(ReplResponse response) {
        return new ReplAnswer.Reply(writer.frame(response));
    }

    Message sorryWarning(TheoremText t) {
        return new Message(Severity.WARNING, dialect.sorryWarning(), Positions.at(t.cmd(), t.nameStart()), Positions.at(t.cmd(), t.nameEnd()));
    }

    static Message error(String cmd, int offset, String text) {
        int lineEnd = cmd.indexOf('\n', offset);
        return new Message(Severity.ERROR, text, Positions.at(cmd, offset), Positions.at(cmd, lineEnd < 0 ? cmd.length() : lineEnd));
    }

    static String heartbeats() {
        return "(deterministic) timeout at `whnf`, maximum number of heartbeats (200000) has been reached\n"
                + "Use `set_option maxHeartbeats <num>` to set the limit.";
    }

    /** A {@code trace} tactic's message as Lean reads the string literal. */
    static String unescape(String s) {
        return s.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
    }
}
