package dev.stepwise.prover.sim.repl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.lean.Frame;
import dev.stepwise.lean.Message;
import dev.stepwise.lean.ProofStatus;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplProtocolException;
import dev.stepwise.lean.ReplRequest;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.lean.ResponseWriter;
import dev.stepwise.lean.Severity;
import dev.stepwise.lean.Sorry;
import dev.stepwise.prover.sim.SimulatorSignature;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.Latency;
import dev.stepwise.prover.sim.world.Outcome;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The simulated REPL driven by a world: environments and proof states numbered as the REPL
 * numbers them (only growing, never freed), tactics answered from the world's graph, and whole
 * theorems (the acceptance gate's re-elaboration) answered by replaying their tactics through
 * the graph, reporting errors, unsolved goals, sorry warnings and {@code #print axioms} as Lean
 * does. Faults (crash, hang, garbage) and memory growth follow the world's settings.
 */
final class WorldEngine implements ReplEngine {
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+\\S+");
    private static final Pattern CHECK = Pattern.compile("^\\s*#check\\s+(.+?)\\s*$", Pattern.DOTALL);
    private static final Pattern ASCRIPTION = Pattern.compile("^\\((.+) : (.+)\\)$");
    private static final String SORRY_WARNING = "declaration uses `sorry`";
    private static final List<String> STANDARD_AXIOMS = List.of("propext", "Classical.choice", "Quot.sound");

    private final World world;
    private final ReplCodec codec;
    private final ResponseWriter writer;
    private final Random rng;
    private final MemoryBallast ballast = new MemoryBallast();
    /** Until the first header import: when it is done at the latest. */
    private Instant warmBy;
    /** The simulated Lean time of the answer being made; see {@link #spend}. */
    private Duration leanTime = Duration.ZERO;
    private final ObjectMapper json = new ObjectMapper();
    private int envs;
    private final List<Held> states = new ArrayList<>();

    /** A proof state of this process; {@code state} null once every goal is closed. */
    private record Held(WorldTheorem theorem, SimState state) {
    }

    /**
     * @param warmBy when the first header import is done at the latest (the process's start plus
     *     the world's start and import latencies); later imports take the whole import latency
     */
    WorldEngine(World world, ReplCodec codec, long faultSeed, Instant warmBy) {
        this.world = world;
        this.codec = codec;
        this.writer = new ResponseWriter(codec);
        this.rng = new Random(faultSeed);
        this.warmBy = warmBy;
    }

    long heldBytes() {
        return ballast.total();
    }

    @Override
    public ReplAnswer answer(Frame frame) {
        if (frame.text().isEmpty()) {
            return new ReplAnswer.End();
        }
        ReplRequest request;
        try {
            request = codec.decodeRequest(frame.text());
        } catch (ReplProtocolException e) {
            return reply(new ReplResponse.ErrorMessage("Could not parse JSON:\n" + e.getMessage()));
        }
        ReplAnswer answer = switch (request) {
            case ReplRequest.Command c -> command(c.cmd(), c.env());
            case ReplRequest.File f -> file(f);
            case ReplRequest.Tactic t -> tactic(t);
            case ReplRequest.PickleEnv p -> pickleEnv(p);
            case ReplRequest.PickleProofState p -> pickleState(p);
            case ReplRequest.UnpickleEnv u -> unpickleEnv(u);
            case ReplRequest.UnpickleProofState u -> unpickleState(u);
        };
        if (answer instanceof ReplAnswer.Reply) {
            ballast.grow(world.faults().memoryPerCommandBytes());
        }
        return answer;
    }

    // ------------------------------------------------------------------ commands

    private ReplAnswer command(String cmd, Integer env) {
        if (env != null && env >= envs) {
            return reply(new ReplResponse.ErrorMessage("Unknown environment."));
        }
        if (cmd.equals(SimulatorSignature.REPL_PROBE)) {
            // Where a real REPL answers a bare comment with no message, the simulator names itself.
            return reply(new ReplResponse.CommandResult(envs++, List.of(new Message(Severity.INFO, SimulatorSignature.REPL_ANSWER,
                    Positions.of(1, 0), Positions.of(1, cmd.length()))), List.of(), null, null));
        }
        if (IMPORT.matcher(cmd).find()) {
            if (env != null) {
                return reply(new ReplResponse.CommandResult(envs++, List.of(error(cmd, IMPORT.matcher(cmd).results()
                        .findFirst().orElseThrow().start(), "invalid 'import' command, it must be used in the beginning of the file")),
                        List.of(), null, null));
            }
            spend(importTime());
        }
        Optional<TheoremText> theorem = TheoremText.find(world, cmd);
        if (theorem.isPresent()) {
            Optional<ReplAnswer> fault = fault();
            if (fault.isPresent()) {
                return fault.get();
            }
            return theorem.get().startsProof() ? start(theorem.get()) : elaborate(theorem.get());
        }
        var check = CHECK.matcher(cmd);
        if (check.matches()) {
            String what = check.group(1);
            var ascribed = ASCRIPTION.matcher(what);
            String data = ascribed.matches() ? ascribed.group(1) + " : " + ascribed.group(2) : what + " : Type";
            return reply(new ReplResponse.CommandResult(envs++, List.of(new Message(Severity.INFO, data,
                    Positions.of(1, 0), Positions.of(1, "#check".length()))), List.of(), null, null));
        }
        return reply(new ReplResponse.CommandResult(envs++));
    }

    private ReplAnswer file(ReplRequest.File f) {
        try {
            return command(Files.readString(Path.of(f.path())), f.env());
        } catch (IOException e) {
            return reply(new ReplResponse.ErrorMessage("Lean error:\nno such file or directory (error code: 2)\n  file: " + f.path()));
        }
    }

    /** {@code theorem ... := by sorry}: a new environment and the root proof state in {@code sorries}. */
    private ReplAnswer start(TheoremText t) {
        spend(tacticTime());
        SimState root = t.theorem().rootState();
        int ps = hold(t.theorem(), root);
        int at = t.sorryStart();
        Sorry sorry = new Sorry(root.goalText(), ps, Positions.at(t.cmd(), at), Positions.at(t.cmd(), at + "sorry".length()));
        return reply(new ReplResponse.CommandResult(envs++, List.of(sorryWarning(t)), List.of(sorry), null, null));
    }

    /** The whole theorem with a proof: replay its tactics through the graph, as re-elaboration would. */
    private ReplAnswer elaborate(TheoremText t) {
        List<Message> messages = new ArrayList<>();
        List<Sorry> sorries = new ArrayList<>();
        List<String> extraAxioms = new ArrayList<>();
        boolean declared = true;
        SimState state = t.theorem().rootState();
        for (TheoremText.Tactic tac : t.tactics()) {
            spend(tacticTime());
            if (state == null) {
                messages.add(error(t.cmd(), tac.offset(), "no goals to be proved"));
                extraAxioms.add("sorryAx");
                break;
            }
            if (tac.text().equals("sorry") || tac.text().equals("admit")) {
                sorries.add(new Sorry(state.goalText(), hold(t.theorem(), state), Positions.at(t.cmd(), tac.offset()),
                        Positions.at(t.cmd(), tac.offset() + tac.text().length())));
                messages.add(sorryWarning(t));
                extraAxioms.add("sorryAx");
                state = null;
                break;
            }
            Outcome outcome = state.find(tac.text()).map(SimTactic::outcome)
                    .orElseGet(() -> UnknownTactics.outcome(tac.text(), "")); 
            switch (outcome) {
                case Outcome.Next next -> state = t.theorem().state(next.state());
                case Outcome.Complete c -> state = null;
                case Outcome.Error e -> {
                    messages.add(error(t.cmd(), tac.offset(), e.how() == Outcome.ErrorKind.PARSE
                            ? e.message().replaceFirst("^<input>:\\d+:\\d+: ", "") : e.message()));
                    extraAxioms.add("sorryAx");
                    state = null;
                }
                case Outcome.Timeout to -> {
                    spend(world.latency().tacticTimeout());
                    messages.add(error(t.cmd(), tac.offset(), heartbeats()));
                    extraAxioms.add("sorryAx");
                    state = null;
                }
                case Outcome.Crash cr -> {
                    return crash();
                }
                case Outcome.Cheat cheat -> {
                    switch (cheat.how()) {
                        case AXIOM -> extraAxioms.add(cheat.detail());
                        case STATEMENT -> {
                            messages.add(error(t.cmd(), t.nameStart(), "(kernel) declaration type mismatch, '" + t.theorem().name()
                                    + "' has type\n  " + cheat.detail() + "\nbut it is expected to have type\n  "
                                    + t.theorem().rootState().goals().get(0).replaceAll("(?s).*⊢ ", "")));
                            declared = false;
                        }
                    }
                    state = null;
                }
            }
            if (state == null && !messages.isEmpty()) {
                break;
            }
        }
        if (state != null) {
            messages.add(error(t.cmd(), t.byEnd() - 2, "unsolved goals\n" + state.goalText()));
            extraAxioms.add("sorryAx");
        }
        if (t.axiomsOf() != null) {
            if (!declared || !t.axiomsOf().equals(t.theorem().name())) {
                messages.add(error(t.cmd(), t.axiomsStart() + "#print axioms ".length(), "Unknown constant `" + t.axiomsOf() + "`"));
            } else {
                messages.add(new Message(Severity.INFO, axiomsText(t.theorem().name(), extraAxioms),
                        Positions.at(t.cmd(), t.axiomsStart()), Positions.at(t.cmd(), t.axiomsStart() + "#print".length())));
            }
        }
        return reply(new ReplResponse.CommandResult(envs++, messages, sorries, null, null));
    }

    private static String axiomsText(String name, List<String> extra) {
        List<String> axioms = new ArrayList<>();
        axioms.add("propext");
        if (extra.contains("sorryAx")) {
            axioms.add("sorryAx");
        }
        axioms.add("Classical.choice");
        extra.stream().filter(a -> !a.equals("sorryAx") && !STANDARD_AXIOMS.contains(a)).distinct().forEach(axioms::add);
        axioms.add("Quot.sound");
        return "'" + name + "' depends on axioms: [" + String.join(", ", axioms) + "]";
    }

    // ------------------------------------------------------------------ tactics

    private ReplAnswer tactic(ReplRequest.Tactic t) {
        if (t.proofState() >= states.size()) {
            return reply(new ReplResponse.ErrorMessage("Unknown proof state."));
        }
        Optional<ReplAnswer> fault = fault();
        if (fault.isPresent()) {
            return fault.get();
        }
        spend(tacticTime());
        Held held = states.get(t.proofState());
        if (held.state() == null) {
            return reply(new ReplResponse.TacticResult(hold(held.theorem(), null), List.of(),
                    List.of(new Message(Severity.ERROR, "no goals to be proved", Positions.of(0, 0), Positions.of(0, 0))),
                    List.of(), null, new ProofStatus.ContainsSorry()));
        }
        SimState state = held.state();
        String text = t.tactic().strip();
        if (text.equals("sorry") || text.equals("admit")) {
            int ps = hold(held.theorem(), null);
            return reply(new ReplResponse.TacticResult(ps, List.of(), List.of(),
                    List.of(new Sorry(state.goalText(), hold(held.theorem(), state), null, null)), null, new ProofStatus.ContainsSorry()));
        }
        Outcome outcome = state.find(text).map(SimTactic::outcome)
                .orElseGet(() -> UnknownTactics.outcome(text, state.goalText()));
        return switch (outcome) {
            case Outcome.Next next -> {
                SimState to = held.theorem().state(next.state());
                yield reply(new ReplResponse.TacticResult(hold(held.theorem(), to), to.goals(), List.of(), List.of(), null,
                        new ProofStatus.OpenGoals()));
            }
            case Outcome.Complete c -> completed(held);
            case Outcome.Cheat c -> completed(held);
            case Outcome.Error e -> switch (e.how()) {
                case ELABORATION -> reply(new ReplResponse.TacticResult(hold(held.theorem(), null), List.of(),
                        List.of(new Message(Severity.ERROR, e.message(), Positions.of(0, 0), Positions.of(0, 0))), List.of(), null,
                        new ProofStatus.ContainsSorry()));
                case PARSE, EXCEPTION -> reply(new ReplResponse.ErrorMessage("Lean error:\n" + e.message()));
            };
            case Outcome.Timeout to -> {
                spend(world.latency().tacticTimeout());
                yield reply(new ReplResponse.TacticResult(hold(held.theorem(), null), List.of(),
                        List.of(new Message(Severity.ERROR, heartbeats(), Positions.of(0, 0), Positions.of(0, 0))), List.of(), null,
                        new ProofStatus.ContainsSorry()));
            }
            case Outcome.Crash cr -> crash();
        };
    }

    private ReplAnswer completed(Held held) {
        return reply(new ReplResponse.TacticResult(hold(held.theorem(), null), List.of(), List.of(), List.of(), null,
                new ProofStatus.Completed()));
    }

    // ------------------------------------------------------------------ pickles

    private ReplAnswer pickleEnv(ReplRequest.PickleEnv p) {
        if (p.env() >= envs) {
            return reply(new ReplResponse.ErrorMessage("Unknown environment."));
        }
        ObjectNode o = json.createObjectNode().put("stepwiseSimulatedPickle", "env");
        return writePickle(p.pickleTo(), o).orElseGet(() -> reply(new ReplResponse.CommandResult(p.env())));
    }

    private ReplAnswer pickleState(ReplRequest.PickleProofState p) {
        if (p.proofState() >= states.size()) {
            return reply(new ReplResponse.ErrorMessage("Unknown proof state."));
        }
        Held held = states.get(p.proofState());
        ObjectNode o = json.createObjectNode().put("stepwiseSimulatedPickle", "proofState")
                .put("theorem", held.theorem().name());
        if (held.state() != null) {
            o.put("state", held.state().id());
        }
        return writePickle(p.pickleTo(), o).orElseGet(() -> stateReply(held));
    }

    private ReplAnswer unpickleEnv(ReplRequest.UnpickleEnv u) {
        Optional<JsonNode> o = readPickle(u.unpickleEnvFrom(), "env");
        return o.isEmpty() ? notAPickle(u.unpickleEnvFrom()) : reply(new ReplResponse.CommandResult(envs++));
    }

    private ReplAnswer unpickleState(ReplRequest.UnpickleProofState u) {
        if (u.env() != null && u.env() >= envs) {
            return reply(new ReplResponse.ErrorMessage("Unknown environment."));
        }
        Optional<JsonNode> o = readPickle(u.unpickleProofStateFrom(), "proofState");
        if (o.isEmpty()) {
            return notAPickle(u.unpickleProofStateFrom());
        }
        Optional<WorldTheorem> theorem = world.theorem(o.get().path("theorem").asText());
        if (theorem.isEmpty()) {
            return notAPickle(u.unpickleProofStateFrom());
        }
        SimState state = o.get().has("state") ? theorem.get().state(o.get().path("state").asText()) : null;
        return stateReply(new Held(theorem.get(), state));
    }

    private ReplAnswer stateReply(Held held) {
        int ps = hold(held.theorem(), held.state());
        return held.state() == null
                ? reply(new ReplResponse.TacticResult(ps, List.of(), List.of(), List.of(), null, new ProofStatus.Completed()))
                : reply(new ReplResponse.TacticResult(ps, held.state().goals(), List.of(), List.of(), null, new ProofStatus.OpenGoals()));
    }

    private Optional<ReplAnswer> writePickle(String path, ObjectNode content) {
        try {
            Path p = Path.of(path);
            if (p.toAbsolutePath().getParent() != null) {
                Files.createDirectories(p.toAbsolutePath().getParent());
            }
            Files.write(p, json.writeValueAsBytes(content));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(reply(new ReplResponse.ErrorMessage("Lean error:\n" + e.getMessage())));
        }
    }

    private Optional<JsonNode> readPickle(String path, String kind) {
        try {
            JsonNode o = json.readTree(Files.readAllBytes(Path.of(path)));
            return o != null && kind.equals(o.path("stepwiseSimulatedPickle").asText()) ? Optional.of(o) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private ReplAnswer notAPickle(String path) {
        return reply(new ReplResponse.ErrorMessage("Lean error:\nfailed to read file '" + path + "', invalid header"));
    }

    // ------------------------------------------------------------------ helpers

    private int hold(WorldTheorem theorem, SimState state) {
        states.add(new Held(theorem, state));
        return states.size() - 1;
    }

    /** A crash, a hang or garbage, by the world's per-command probabilities. */
    private Optional<ReplAnswer> fault() {
        Faults f = world.faults();
        double roll = rng.nextDouble();
        if (roll < f.replCrash()) {
            return Optional.of(crash());
        }
        roll -= f.replCrash();
        if (roll < f.replHang()) {
            return Optional.of(new ReplAnswer.Hang());
        }
        roll -= f.replHang();
        if (roll < f.replGarbage()) {
            return Optional.of(new ReplAnswer.Reply("\u0000\u0007<simulated garbage> INTERNAL PANIC: unreachable code has been reached\n"
                    + "{\"proofSta\u001b[0m\n\n"));
        }
        return Optional.empty();
    }

    private ReplAnswer crash() {
        return new ReplAnswer.Crash("{\"proofStatus\": \"Incomplete: open goals remain\",\n \"proofState\": " + states.size(),
                "Stack overflow detected. Aborting. (simulated crash)");
    }

    private Duration importTime() {
        Duration full = world.latency().headerImport();
        if (warmBy == null) {
            return full;
        }
        Duration left = Duration.between(Instant.now(), warmBy);
        warmBy = null;
        return left.isNegative() ? Duration.ZERO : left.compareTo(full) > 0 ? full : left;
    }

    private Duration tacticTime() {
        Latency l = world.latency();
        long span = l.tacticMax().toNanos() - l.tacticMin().toNanos();
        return l.tacticMin().plusNanos(span <= 0 ? 0 : (long) (rng.nextDouble() * span));
    }

    private static String heartbeats() {
        return "(deterministic) timeout at `whnf`, maximum number of heartbeats (200000) has been reached\n"
                + "Use `set_option maxHeartbeats <num>` to set the limit.";
    }

    private Message sorryWarning(TheoremText t) {
        return new Message(Severity.WARNING, SORRY_WARNING, Positions.at(t.cmd(), t.nameStart()), Positions.at(t.cmd(), t.nameEnd()));
    }

    private static Message error(String cmd, int offset, String text) {
        int lineEnd = cmd.indexOf('\n', offset);
        return new Message(Severity.ERROR, text, Positions.at(cmd, offset), Positions.at(cmd, lineEnd < 0 ? cmd.length() : lineEnd));
    }

    private ReplAnswer reply(ReplResponse response) {
        return new ReplAnswer.Reply(writer.frame(response));
    }

    /**
     * Time the simulated Lean takes for the answer being made. It is not slept here: the REPL waits
     * for it from the moment it read the request, so this engine's own work (decoding, looking up
     * the world, encoding) is part of the world's latency rather than added to it.
     */
    private void spend(Duration d) {
        leanTime = leanTime.plus(d);
    }

    @Override
    public Duration takeLeanTime() {
        Duration spent = leanTime;
        leanTime = Duration.ZERO;
        return spent;
    }
}
