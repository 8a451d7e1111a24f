package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.Message;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.lean.Severity;
import dev.stepwise.lean.Sorry;
import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.TacticText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        Replay r = new Replay(t);
        SimState state = r.run(t.theorem().rootState(), t.tactics(), t.byEnd() - 2);
        if (r.crashed) {
            return faults.crash();
        }
        if (state != null) {
            r.messages.add(Answers.error(t.cmd(), t.byEnd() - 2, "unsolved goals\n" + state.goalText()));
            r.extraAxioms.add("sorryAx");
        }
        if (!r.sorries.isEmpty() && r.messages.stream().noneMatch(m -> m.severity() == Severity.ERROR)) {
            // one warning for the declaration, however many holes; none beside an error (repl
            // test/have_by_sorry.expected.out at commit 8948401: unsolved goals and no sorry warning)
            r.messages.add(answers.sorryWarning(t));
        }
        if (t.axiomsOf() != null) {
            if (!r.declared || !t.axiomsOf().equals(t.declared())) {
                r.messages.add(Answers.error(t.cmd(), t.axiomsStart() + "#print axioms ".length(), "Unknown constant `" + t.axiomsOf() + "`"));
            } else {
                r.messages.add(new Message(Severity.INFO, Axioms.report(t.declared(), Axioms.of(r.extraAxioms)),
                        Positions.at(t.cmd(), t.axiomsStart()), Positions.at(t.cmd(), t.axiomsStart() + "#print".length())));
            }
        }
        // a declaration the kernel refused is not added; one with elaboration errors is, with sorryAx
        int made = r.declared ? engine.newEnv(env, t.declared(), new EngineState.Declared(t.type(), Axioms.of(r.extraAxioms)))
                : engine.newEnv(env, null, null);
        return answers.reply(new ReplResponse.CommandResult(made, r.messages, r.sorries, null, null));
    }

    /** {@code := by} and what follows it in a {@code have} line. */
    private static final Pattern HAVE_BY = Pattern.compile(":=\\s*by\\b");

    /** One elaboration's messages, holes and axioms, gathered while its tactics are replayed. */
    private final class Replay {
        final TheoremText t;
        final List<Message> messages = new ArrayList<>();
        final List<Sorry> sorries = new ArrayList<>();
        final List<String> extraAxioms = new ArrayList<>();
        boolean declared = true;
        boolean crashed;

        Replay(TheoremText t) {
            this.t = t;
        }

        /**
         * Replays {@code tactics} from {@code state}: the state left (null when the goal was closed,
         * or an error ended the proof) with every message, hole and axiom on the way recorded.
         */
        SimState run(SimState state, List<TheoremText.Tactic> tactics, int byOffset) {
            for (TheoremText.Tactic tac : tactics) {
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
                    extraAxioms.add("sorryAx");
                    state = null;
                    break;
                }
                Optional<Map.Entry<SimOutcome.Have, String>> have = haveAt(state, tac.text());
                if (have.isPresent()) {
                    state = have(tac, have.get().getKey(), have.get().getValue());
                    if (crashed) {
                        return null;
                    }
                    continue;
                }
                SimOutcome outcome = state.find(tac.text()).map(SimTactic::outcome)
                        .orElseGet(() -> UnknownTactics.outcome(tac.text(), ""));
                switch (outcome) {
                    case SimOutcome.Next next -> state = t.theorem().state(next.state());
                    case SimOutcome.Have h -> state = t.theorem().state(h.state());
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
                        crashed = true;
                        return null;
                    }
                    case SimOutcome.Cheat cheat -> {
                        switch (cheat.how()) {
                            case AXIOM -> extraAxioms.add(cheat.detail());
                            case STATEMENT -> {
                                messages.add(Answers.error(t.cmd(), t.nameStart(), "(kernel) declaration type mismatch, '"
                                        + t.theorem().name() + "' has type\n  " + cheat.detail()
                                        + "\nbut it is expected to have type\n  "
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
            return state;
        }

        /**
         * A {@code have NAME : T := by PROOF} line the world knows as a sketch's hole
         * ({@link SimOutcome.Have}): {@code sorry} leaves the hole in {@code sorries} with its proof
         * state and position (REPL/Main.lean {@code sorries}: tactic-mode sorries get a proof state);
         * another proof is replayed from the hole's state, and a hole it leaves open is Lean's
         * {@code unsolved goals} at the line. The main proof goes on with the new hypothesis either way.
         */
        private SimState have(TheoremText.Tactic tac, SimOutcome.Have have, String proof) {
            SimState hole = t.theorem().state(have.hole());
            int proofAt = tac.offset() + tac.text().length() - proof.length();
            if (proof.strip().equals("sorry")) {
                int at = proofAt + proof.indexOf("sorry");
                sorries.add(new Sorry(hole.goalText(), engine.hold(t.theorem(), hole), Positions.at(t.cmd(), at),
                        Positions.at(t.cmd(), at + "sorry".length())));
                extraAxioms.add("sorryAx");
            } else {
                SimState left = run(hole, holeTactics(proof, proofAt), tac.offset());
                if (crashed) {
                    return null;
                }
                if (left != null) {
                    messages.add(Answers.error(t.cmd(), tac.offset(), "unsolved goals\n" + left.goalText()));
                    extraAxioms.add("sorryAx");
                }
            }
            return t.theorem().state(have.state());
        }
    }

    /**
     * The world's hole tactic at {@code state} that {@code text} states ({@code have NAME : T := by}
     * equal up to whitespace), with the proof written after its {@code by} (raw, as in the command).
     */
    private static Optional<Map.Entry<SimOutcome.Have, String>> haveAt(SimState state, String text) {
        Matcher by = HAVE_BY.matcher(text);
        if (!text.startsWith("have") || !by.find()) {
            return Optional.empty();
        }
        String stated = TacticText.normalize(text.substring(0, by.end()));
        for (SimTactic known : state.tactics()) {
            if (known.outcome() instanceof SimOutcome.Have h) {
                String k = TacticText.normalize(known.tactic());
                if (k.substring(0, k.length() - "sorry".length()).strip().equals(stated)) {
                    return Optional.of(Map.entry(h, text.substring(by.end())));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The tactics of a hole's proof written after {@code by}: on the same line, or on the lines
     * below at one indentation (a line indented deeper continues the tactic before it), each with
     * its offset in the command.
     */
    static List<TheoremText.Tactic> holeTactics(String proof, int offset) {
        List<TheoremText.Tactic> out = new ArrayList<>();
        String[] lines = proof.split("\n", -1);
        int indent = -1;
        StringBuilder current = null;
        int currentStart = 0;
        int at = offset;
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k];
            String body = line.strip();
            int lead = line.length() - line.stripLeading().length();
            if (!body.isEmpty()) {
                if (k > 0 && indent < 0) {
                    indent = lead;
                }
                if (current != null && k > 0 && lead > indent) {
                    current.append('\n').append(line);
                } else {
                    if (current != null) {
                        out.add(new TheoremText.Tactic(current.toString().strip(), currentStart));
                    }
                    current = new StringBuilder(body);
                    currentStart = at + lead;
                }
            }
            at += line.length() + 1;
        }
        if (current != null) {
            out.add(new TheoremText.Tactic(current.toString().strip(), currentStart));
        }
        return out;
    }
}
