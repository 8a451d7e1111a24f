package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.Message;
import dev.stepwise.lean.ProofStatus;
import dev.stepwise.lean.ReplRequest;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.lean.Severity;
import dev.stepwise.lean.Sorry;
import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import java.util.List;
import java.util.Optional;

/**
 * A tactic run on a proof state of this process: answered from the world's graph (the next
 * state, the proof completed, an error, a timeout or a crash), or as Lean answers
 * {@code trace}, {@code sorry} and unknown tactics.
 */
final class TacticAnswers {
    private final EngineState engine;
    private final Answers answers;
    private final LeanClock clock;
    private final FaultDraws faults;

    TacticAnswers(EngineState engine, Answers answers, LeanClock clock, FaultDraws faults) {
        this.engine = engine;
        this.answers = answers;
        this.clock = clock;
        this.faults = faults;
    }

    ReplAnswer tactic(ReplRequest.Tactic t) {
        if (!engine.hasState(t.proofState())) {
            return answers.reply(new ReplResponse.ErrorMessage("Unknown proof state."));
        }
        Optional<ReplAnswer> fault = faults.fault();
        if (fault.isPresent()) {
            return fault.get();
        }
        clock.spend(clock.tacticTime());
        EngineState.Held held = engine.state(t.proofState());
        if (held.state() == null) {
            return answers.reply(new ReplResponse.TacticResult(engine.hold(held.theorem(), null), List.of(),
                    List.of(new Message(Severity.ERROR, "no goals to be proved", Positions.of(0, 0), Positions.of(0, 0))),
                    List.of(), null, answers.dialect().status(new ProofStatus.ContainsSorry())));
        }
        SimState state = held.state();
        String text = t.tactic().strip();
        var trace = Answers.TRACE.matcher(text);
        if (trace.matches()) {
            return answers.reply(new ReplResponse.TacticResult(engine.hold(held.theorem(), state), state.goals(), List.of(new Message(
                    Severity.INFO, Answers.unescape(trace.group(1)), Positions.of(0, 0), Positions.of(0, "trace".length()))),
                    List.of(), null, new ProofStatus.OpenGoals()));
        }
        if (text.equals("sorry") || text.equals("admit")) {
            int ps = engine.hold(held.theorem(), null);
            return answers.reply(new ReplResponse.TacticResult(ps, List.of(), List.of(),
                    List.of(new Sorry(state.goalText(), engine.hold(held.theorem(), state), null, null)), null,
                    answers.dialect().status(new ProofStatus.ContainsSorry())));
        }
        SimOutcome outcome = state.find(text).map(SimTactic::outcome)
                .orElseGet(() -> UnknownTactics.outcome(text, state.goalText()));
        return switch (outcome) {
            case SimOutcome.Next next -> {
                SimState to = held.theorem().state(next.state());
                yield answers.reply(new ReplResponse.TacticResult(engine.hold(held.theorem(), to), to.goals(), List.of(), List.of(), null,
                        answers.dialect().status(new ProofStatus.OpenGoals())));
            }
            case SimOutcome.Have have -> {
                // As the REPL answers {"tactic": "have h : T := by sorry", "proofState": n}
                // (repl test/have_by_sorry.expected.out, commit 8948401): the hole in sorries with a
                // proof state of its own and no pos, the main goal with h, "open goals remain".
                SimState to = held.theorem().state(have.state());
                SimState hole = held.theorem().state(have.hole());
                Sorry sorry = new Sorry(hole.goalText(), engine.hold(held.theorem(), hole), null, null);
                yield answers.reply(new ReplResponse.TacticResult(engine.hold(held.theorem(), to), to.goals(), List.of(),
                        List.of(sorry), null, answers.dialect().status(new ProofStatus.OpenGoals())));
            }
            case SimOutcome.Complete c -> completed(held);
            case SimOutcome.Cheat c -> completed(held);
            case SimOutcome.Error e -> switch (e.how()) {
                case ELABORATION -> answers.reply(new ReplResponse.TacticResult(engine.hold(held.theorem(), null), List.of(),
                        List.of(new Message(Severity.ERROR, e.message(), Positions.of(0, 0), Positions.of(0, 0))), List.of(), null,
                        answers.dialect().status(new ProofStatus.ContainsSorry())));
                case PARSE, EXCEPTION -> answers.reply(new ReplResponse.ErrorMessage("Lean error:\n" + e.message()));
            };
            case SimOutcome.Timeout to -> {
                clock.spend(clock.tacticTimeout());
                yield answers.reply(new ReplResponse.TacticResult(engine.hold(held.theorem(), null), List.of(),
                        List.of(new Message(Severity.ERROR, Answers.heartbeats(), Positions.of(0, 0), Positions.of(0, 0))), List.of(), null,
                        answers.dialect().status(new ProofStatus.ContainsSorry())));
            }
            case SimOutcome.Crash cr -> faults.crash();
        };
    }

    private ReplAnswer completed(EngineState.Held held) {
        return answers.reply(new ReplResponse.TacticResult(engine.hold(held.theorem(), null), List.of(), List.of(), List.of(), null,
                answers.dialect().status(new ProofStatus.Completed())));
    }
}
