package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.Message;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.lean.Severity;
import dev.stepwise.lean.Sorry;
import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import java.util.ArrayList;
import java.util.List;

/**
 * A theorem of the world sent as a command: with {@code := by sorry} it starts a proof (the root
 * proof state); with a proof it is elaborated whole, as the acceptance gate's re-elaboration does,
 * by replaying its tactics through the world's graph and reporting errors, unsolved goals, sorry
 * warnings and {@code #print axioms} as Lean does.
 */
final class TheoremElaboration {
    private final EngineState engine;
    private final Answers answers;
    private final LeanClock clock;
    private final FaultDraws faults;

    TheoremElaboration(EngineState engine, Answers answers, LeanClock clock, FaultDraws faults) {
        this.engine = engine;
        this.answers = answers;
        this.clock = clock;
        this.faults = faults;
    }

    /** {@code theorem ... := by sorry}: a new environment and the root proof state in {@code sorries}. */
    ReplAnswer start(TheoremText t, Integer env) {
        clock.spend(clock.tacticTime());
        SimState root = t.theorem().rootState();
        int ps = engine.hold(t.theorem(), root);
        int at = t.sorryStart();
        Sorry sorry = new Sorry(root.goalText(), ps, Positions.at(t.cmd(), at), Positions.at(t.cmd(), at + "sorry".length()));
        // a theorem proved by sorry depends on sorryAx alone
        int made = engine.newEnv(env, t.declared(), new EngineState.Declared(t.type(), List.of("sorryAx")));
        return answers.reply(new ReplResponse.CommandResult(made, List.of(answers.sorryWarning(t)), List.of(sorry), null, null));
    }

    /** The whole theorem with a proof: replay its tactics through the graph, as re-elaboration would. */
    ReplAnswer elaborate(TheoremText t, Integer env) {
        List<Message> messages = new ArrayList<>();
        List<Sorry> sorries = new ArrayList<>();
        List<String> extraAxioms = new ArrayList<>();
        boolean declared = true;
        SimState state = t.theorem().rootState();
        for (TheoremText.Tactic tac : t.tactics()) {
            clock.spend(clock.tacticTime());
            if (state == null) {
                messages.add(Answers.error(t.cmd(), tac.offset(), "no goals to be proved"));
                extraAxioms.add("sorryAx");
                break;
            }
            var trace = Answers.TRACE.matcher(tac.text());
            if (trace.matches()) {
                messages.add(new Message(Severity.INFO, Answers.unescape(trace.group(1)), Positions.at(t.cmd(), tac.offset()),
                        Positions.at(t.cmd(), tac.offset() + "trace".length())));
                continue;
            }
            if (tac.text().equals("sorry") || tac.text().equals("admit")) {
                sorries.add(new Sorry(state.goalText(), engine.hold(t.theorem(), state), Positions.at(t.cmd(), tac.offset()),
                        Positions.at(t.cmd(), tac.offset() + tac.text().length())));
                messages.add(answers.sorryWarning(t));
                extraAxioms.add("sorryAx");
                state = null;
                break;
            }
            SimOutcome outcome = state.find(tac.text()).map(SimTactic::outcome)
                    .orElseGet(() -> UnknownTactics.outcome(tac.text(), "")); 
            switch (outcome) {
                case SimOutcome.Next next -> state = t.theorem().state(next.state());
                case SimOutcome.Complete c -> state = null;
                case SimOutcome.Error e -> {
                    messages.add(Answers.error(t.cmd(), tac.offset(), e.how() == SimOutcome.ErrorKind.PARSE
                            ? e.message().replaceFirst("^<input>:\\d+:\\d+: ", "") : e.message()));
                    extraAxioms.add("sorryAx");
                    state = null;
                }
                case SimOutcome.Timeout to -> {
                    clock.spend(clock.tacticTimeout());
                    messages.add(Answers.error(t.cmd(), tac.offset(), Answers.heartbeats()));
                    extraAxioms.add("sorryAx");
                    state = null;
                }
                case SimOutcome.Crash cr -> {
                    return faults.crash();
                }
                case SimOutcome.Cheat cheat -> {
                    switch (cheat.how()) {
                        case AXIOM -> extraAxioms.add(cheat.detail());
                        case STATEMENT -> {
                            messages.add(Answers.error(t.cmd(), t.nameStart(), "(kernel) declaration type mismatch, '" + t.theorem().name()
                                    + "' has type\n  " + cheat.detail() + "\nbut it is expected to have type\n  "
                                    + t.theorem().rootState().goals().get(0).replaceAll("(?s).*⊢ ", "")));
                            declared = false;
                        }
                    }
                    state = null;
                }
            }
            if (state == null && messages.stream().anyMatch(m -> m.severity() != Severity.INFO)) {
                break;
            }
        }
        if (state != null) {
            messages.add(Answers.error(t.cmd(), t.byEnd() - 2, "unsolved goals\n" + state.goalText()));
            extraAxioms.add("sorryAx");
        }
        if (t.axiomsOf() != null) {
            if (!declared || !t.axiomsOf().equals(t.declared())) {
                messages.add(Answers.error(t.cmd(), t.axiomsStart() + "#print axioms ".length(), "Unknown constant `" + t.axiomsOf() + "`"));
            } else {
                messages.add(new Message(Severity.INFO, Axioms.report(t.declared(), Axioms.of(extraAxioms)),
                        Positions.at(t.cmd(), t.axiomsStart()), Positions.at(t.cmd(), t.axiomsStart() + "#print".length())));
            }
        }
        // a declaration the kernel refused is not added; one with elaboration errors is, with sorryAx
        int made = declared ? engine.newEnv(env, t.declared(), new EngineState.Declared(t.type(), Axioms.of(extraAxioms)))
                : engine.newEnv(env, null, null);
        return answers.reply(new ReplResponse.CommandResult(made, messages, sorries, null, null));
    }
}
