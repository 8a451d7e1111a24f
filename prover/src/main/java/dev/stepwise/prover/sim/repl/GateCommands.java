package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.Message;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.lean.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The acceptance gate's checks after a proof elaborated: {@code #print axioms NAME} and the
 * comparison of a proved statement's type with the original's, answered from the constants each
 * environment declared.
 */
final class GateCommands {
    static final Pattern PRINT_AXIOMS = Pattern.compile("^\\s*#print\\s+axioms\\s+(\\S+)\\s*$");
    /** The acceptance gate's statement comparison (see AcceptanceGate.typesAgree). */
    static final Pattern TYPES_AGREE = Pattern.compile(
            "^\\s*example\\s*:\\s*type_of%\\s*@(\\S+)\\s*=\\s*type_of%\\s*@(\\S+)\\s*:=\\s*rfl\\s*$");

    private final EngineState engine;
    private final Answers answers;

    GateCommands(EngineState engine, Answers answers) {
        this.engine = engine;
        this.answers = answers;
    }

    /**
     * {@code #print axioms NAME} as its own command: Lean's report of the constant declared in this
     * env (leanprover/lean4 src/Lean/Elab/Print.lean, printAxiomsOf), at the {@code #print} token.
     */
    ReplAnswer printAxioms(String cmd, Integer env, String name, int nameAt) {
        Optional<Map.Entry<String, EngineState.Declared>> c = engine.lookUp(env, name);
        if (c.isEmpty()) {
            return answers.reply(new ReplResponse.CommandResult(engine.newEnv(env, null, null),
                    List.of(Answers.error(cmd, nameAt, "Unknown constant `" + name + "`")), List.of(), null, null));
        }
        int at = cmd.indexOf("#print");
        return answers.reply(new ReplResponse.CommandResult(engine.newEnv(env, null, null), List.of(new Message(Severity.INFO,
                Axioms.report(c.get().getKey(), c.get().getValue().axioms()), Positions.at(cmd, at),
                Positions.at(cmd, at + "#print".length()))), List.of(), null, null));
    }

    /**
     * {@code example : type_of% @A = type_of% @B := rfl}: elaborates when the two constants have
     * the same type, else Lean's type mismatch error on {@code rfl}.
     */
    ReplAnswer typesAgree(String cmd, Integer env, Matcher agree) {
        for (int g = 1; g <= 2; g++) {
            if (engine.lookUp(env, agree.group(g)).isEmpty()) {
                return answers.reply(new ReplResponse.CommandResult(engine.newEnv(env, null, null), List.of(Answers.error(cmd,
                        agree.start(g), "Unknown identifier `" + agree.group(g) + "`")), List.of(), null, null));
            }
        }
        String a = engine.lookUp(env, agree.group(1)).orElseThrow().getValue().type();
        String b = engine.lookUp(env, agree.group(2)).orElseThrow().getValue().type();
        if (a.equals(b)) {
            return answers.reply(new ReplResponse.CommandResult(engine.newEnv(env, null, null)));
        }
        int rfl = cmd.lastIndexOf("rfl");
        return answers.reply(new ReplResponse.CommandResult(engine.newEnv(env, null, null), List.of(Answers.error(cmd, rfl,
                "Type mismatch\n  rfl\nhas type\n  ?a = ?a\nbut is expected to have type\n  (" + forall(a) + ") = ("
                        + forall(b) + ")")), List.of(), null, null));
    }

    /** A statement's binders and type as Lean prints the proposition, roughly: {@code ∀ binders, type}. */
    private static String forall(String type) {
        int colon = topLevelColon(type);
        if (colon < 0) {
            return type;
        }
        String binders = type.substring(0, colon).strip();
        String target = type.substring(colon + 1).strip();
        return binders.isEmpty() ? target : "∀ " + binders + ", " + target;
    }

    private static int topLevelColon(String type) {
        int depth = 0;
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if ("([{⦃⟨".indexOf(c) >= 0) {
                depth++;
            } else if (")]}⦄⟩".indexOf(c) >= 0) {
                depth--;
            } else if (c == ':' && depth == 0 && (i + 1 >= type.length() || type.charAt(i + 1) != '=')) {
                return i;
            }
        }
        return -1;
    }
}
