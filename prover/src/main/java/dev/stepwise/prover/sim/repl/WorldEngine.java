package dev.stepwise.prover.sim.repl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.lean.Frame;
import dev.stepwise.lean.LeanText;
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
import java.util.HashMap;
import java.util.Map;
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
    private static final Pattern PRINT_AXIOMS = Pattern.compile("^\\s*#print\\s+axioms\\s+(\\S+)\\s*$");
    /** The acceptance gate's statement comparison (see AcceptanceGate.typesAgree). */
    private static final Pattern TYPES_AGREE = Pattern.compile(
            "^\\s*example\\s*:\\s*type_of%\\s*@(\\S+)\\s*=\\s*type_of%\\s*@(\\S+)\\s*:=\\s*rfl\\s*$");
    /**
     * Lean's {@code trace "msg"} tactic (lean4 src/Lean/Elab/Tactic/BuiltinTactic.lean, evalTraceMessage:
     * addRawTrace) reports {@code msg} as an info message of the command and leaves the goals alone.
     */
    private static final Pattern TRACE = Pattern.compile("^trace\\s+\"((?:[^\"\\\\]|\\\\.)*)\"$", Pattern.DOTALL);
    private static final List<String> STANDARD_AXIOMS = List.of("propext", "Classical.choice", "Quot.sound");

    private final World world;
    private final ReplDialect dialect;
    private final ReplCodec codec;
    private final ResponseWriter writer;
    private final Random rng;
    private final MemoryBallast ballast = new MemoryBallast();
    /** Until the first header import: when it is done at the latest. */
    private Instant warmBy;
    /** The simulated Lean time of the answer being made; see {@link #spend}. */
    private Duration leanTime = Duration.ZERO;
    private final ObjectMapper json = new ObjectMapper();
    /** Every environment this process made, by number: the constants declared in it (by name). */
    private final List<Map<String, Declared>> envs = new ArrayList<>();
    private final List<Held> states = new ArrayList<>();

    /** A constant the simulated Lean declared: its type (the statement after its name) and axioms. */
    private record Declared(String type, List<String> axioms) {
    }

    /** A proof state of this process; {@code state} null once every goal is closed. */
    private record Held(WorldTheorem theorem, SimState state) {
    }

    /**
     * @param warmBy when the first header import is done at the latest (the process's start plus
     *     the world's start and import latencies); later imports take the whole import latency
     */
    WorldEngine(World world, ReplCodec codec, long faultSeed, Instant warmBy) {
        this(world, ReplDialect.pinned(), codec, faultSeed, warmBy);
    }

    /** The same, acting as the REPL of {@code dialect}: its proofStatus field and sorry warning. */
    WorldEngine(World world, ReplDialect dialect, ReplCodec codec, long faultSeed, Instant warmBy) {
        this.world = world;
        this.dialect = dialect;
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
        if (env != null && env >= envs.size()) {
            return reply(new ReplResponse.ErrorMessage("Unknown environment."));
        }
        if (cmd.equals(SimulatorSignature.REPL_PROBE)) {
            // Where a real REPL answers a bare comment with no message, the simulator names itself.
            return reply(new ReplResponse.CommandResult(newEnv(env, null, null), List.of(new Message(Severity.INFO, SimulatorSignature.REPL_ANSWER,
                    Positions.of(1, 0), Positions.of(1, cmd.length()))), List.of(), null, null));
        }
        if (IMPORT.matcher(cmd).find()) {
            if (env != null) {
                return reply(new ReplResponse.CommandResult(newEnv(env, null, null), List.of(error(cmd, IMPORT.matcher(cmd).results()
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
            TheoremText t = theorem.get();
            if (env != null && envs.get(env).containsKey(t.declared())) {
                // Lean.Elab.checkNotAlreadyDeclared (leanprover/lean4 src/Lean/Elab/DeclModifiers.lean)
                return reply(new ReplResponse.CommandResult(newEnv(env, null, null), List.of(error(cmd, t.nameStart(),
                        "'" + t.declared() + "' has already been declared")), List.of(), null, null));
            }
            return t.startsProof() ? start(t, env) : elaborate(t, env);
        }
        var printAxioms = PRINT_AXIOMS.matcher(cmd);
        if (printAxioms.matches()) {
            return printAxioms(cmd, env, printAxioms.group(1), printAxioms.start(1));
        }
        var agree = TYPES_AGREE.matcher(cmd);
        if (agree.matches()) {
            return typesAgree(cmd, env, agree);
        }
        var check = CHECK.matcher(cmd);
        if (check.matches()) {
            String what = check.group(1);
            var ascribed = ASCRIPTION.matcher(what);
            String data = ascribed.matches() ? ascribed.group(1) + " : " + ascribed.group(2) : what + " : Type";
            return reply(new ReplResponse.CommandResult(newEnv(env, null, null), List.of(new Message(Severity.INFO, data,
                    Positions.of(1, 0), Positions.of(1, "#check".length()))), List.of(), null, null));
        }
        return reply(new ReplResponse.CommandResult(newEnv(env, null, null)));
    }

    /**
     * {@code #print axioms NAME} as its own command: Lean's report of the constant declared in this
     * env (leanprover/lean4 src/Lean/Elab/Print.lean, printAxiomsOf), at the {@code #print} token.
     */
    private ReplAnswer printAxioms(String cmd, Integer env, String name, int nameAt) {
        Optional<Map.Entry<String, Declared>> c = lookUp(env, name);
        if (c.isEmpty()) {
            return reply(new ReplResponse.CommandResult(newEnv(env, null, null),
                    List.of(error(cmd, nameAt, "Unknown constant `" + name + "`")), List.of(), null, null));
        }
        int at = cmd.indexOf("#print");
        return reply(new ReplResponse.CommandResult(newEnv(env, null, null), List.of(new Message(Severity.INFO,
                axiomsReport(c.get().getKey(), c.get().getValue().axioms()), Positions.at(cmd, at),
                Positions.at(cmd, at + "#print".length()))), List.of(), null, null));
    }

    /**
     * {@code example : type_of% @A = type_of% @B := rfl}: elaborates when the two constants have
     * the same type, else Lean's type mismatch error on {@code rfl}.
     */
    private ReplAnswer typesAgree(String cmd, Integer env, java.util.regex.Matcher agree) {
        for (int g = 1; g <= 2; g++) {
            if (lookUp(env, agree.group(g)).isEmpty()) {
                return reply(new ReplResponse.CommandResult(newEnv(env, null, null), List.of(error(cmd, agree.start(g),
                        "Unknown identifier `" + agree.group(g) + "`")), List.of(), null, null));
            }
        }
        String a = lookUp(env, agree.group(1)).orElseThrow().getValue().type();
        String b = lookUp(env, agree.group(2)).orElseThrow().getValue().type();
        if (a.equals(b)) {
            return reply(new ReplResponse.CommandResult(newEnv(env, null, null)));
        }
        int rfl = cmd.lastIndexOf("rfl");
        return reply(new ReplResponse.CommandResult(newEnv(env, null, null), List.of(error(cmd, rfl,
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

    private Optional<Map.Entry<String, Declared>> lookUp(Integer env, String name) {
        if (env == null) {
            return Optional.empty();
        }
        List<String> parts = LeanText.parts(name);
        return envs.get(env).entrySet().stream().filter(e -> LeanText.parts(e.getKey()).equals(parts)).findFirst();
    }

    /** A new environment: {@code parent}'s constants (none for a fresh one), plus {@code name} when given. */
    private int newEnv(Integer parent, String name, Declared declared) {
        Map<String, Declared> constants = new HashMap<>(parent == null ? Map.of() : envs.get(parent));
        if (name != null) {
            constants.put(name, declared);
        }
        envs.add(constants);
        return envs.size() - 1;
    }

    private ReplAnswer file(ReplRequest.File f) {
        try {
            return command(Files.readString(Path.of(f.path())), f.env());
        } catch (IOException e) {
            return reply(new ReplResponse.ErrorMessage("Lean error:\nno such file or directory (error code: 2)\n  file: " + f.path()));
        }
    }

    /** {@code theorem ... := by sorry}: a new environment and the root proof state in {@code sorries}. */
    private ReplAnswer start(TheoremText t, Integer env) {
        spend(tacticTime());
        SimState root = t.theorem().rootState();
        int ps = hold(t.theorem(), root);
        int at = t.sorryStart();
        Sorry sorry = new Sorry(root.goalText(), ps, Positions.at(t.cmd(), at), Positions.at(t.cmd(), at + "sorry".length()));
        // a theorem proved by sorry depends on sorryAx alone
        int made = newEnv(env, t.declared(), new Declared(t.type(), List.of("sorryAx")));
        return reply(new ReplResponse.CommandResult(made, List.of(sorryWarning(t)), List.of(sorry), null, null));
    }

    /** The whole theorem with a proof: replay its tactics through the graph, as re-elaboration would. */
    private ReplAnswer elaborate(TheoremText t, Integer env) {
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
            var trace = TRACE.matcher(tac.text());
            if (trace.matches()) {
                messages.add(new Message(Severity.INFO, unescape(trace.group(1)), Positions.at(t.cmd(), tac.offset()),
                        Positions.at(t.cmd(), tac.offset() + "trace".length())));
                continue;
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
            if (state == null && messages.stream().anyMatch(m -> m.severity() != Severity.INFO)) {
                break;
            }
        }
        if (state != null) {
            messages.add(error(t.cmd(), t.byEnd() - 2, "unsolved goals\n" + state.goalText()));
            extraAxioms.add("sorryAx");
        }
        if (t.axiomsOf() != null) {
            if (!declared || !t.axiomsOf().equals(t.declared())) {
                messages.add(error(t.cmd(), t.axiomsStart() + "#print axioms ".length(), "Unknown constant `" + t.axiomsOf() + "`"));
            } else {
                messages.add(new Message(Severity.INFO, axiomsReport(t.declared(), axioms(extraAxioms)),
                        Positions.at(t.cmd(), t.axiomsStart()), Positions.at(t.cmd(), t.axiomsStart() + "#print".length())));
            }
        }
        // a declaration the kernel refused is not added; one with elaboration errors is, with sorryAx
        int made = declared ? newEnv(env, t.declared(), new Declared(t.type(), axioms(extraAxioms))) : newEnv(env, null, null);
        return reply(new ReplResponse.CommandResult(made, messages, sorries, null, null));
    }

    /** Lean's report (printAxiomsOf): the list sorted by Name.lt, as Lean prints it since lean4 issue #4415. */
    private static String axiomsReport(String name, List<String> axioms) {
        if (axioms.isEmpty()) {
            return "'" + name + "' does not depend on any axioms";
        }
        List<String> sorted = new ArrayList<>(axioms);
        sorted.sort(WorldEngine::nameCmp);
        return "'" + name + "' depends on axioms: [" + String.join(", ", sorted) + "]";
    }

    /** Lean's Name.cmp on string parts: the prefixes first, then the last part by its characters. */
    private static int nameCmp(String a, String b) {
        return partsCmp(LeanText.parts(a), LeanText.parts(b));
    }

    private static int partsCmp(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(!a.isEmpty(), !b.isEmpty());
        }
        int prefix = partsCmp(a.subList(0, a.size() - 1), b.subList(0, b.size() - 1));
        return prefix != 0 ? prefix : a.get(a.size() - 1).compareTo(b.get(b.size() - 1));
    }

    private static String unescape(String s) {
        return s.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
    }

    /** What a Mathlib-tactic proof depends on: the three standard axioms plus what the proof added. */
    private static List<String> axioms(List<String> extra) {
        List<String> axioms = new ArrayList<>();
        axioms.add("propext");
        if (extra.contains("sorryAx")) {
            axioms.add("sorryAx");
        }
        axioms.add("Classical.choice");
        extra.stream().filter(a -> !a.equals("sorryAx") && !STANDARD_AXIOMS.contains(a)).distinct().forEach(axioms::add);
        axioms.add("Quot.sound");
        return axioms;
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
                    List.of(), null, dialect.status(new ProofStatus.ContainsSorry())));
        }
        SimState state = held.state();
        String text = t.tactic().strip();
        var trace = TRACE.matcher(text);
        if (trace.matches()) {
            return reply(new ReplResponse.TacticResult(hold(held.theorem(), state), state.goals(), List.of(new Message(
                    Severity.INFO, unescape(trace.group(1)), Positions.of(0, 0), Positions.of(0, "trace".length()))),
                    List.of(), null, new ProofStatus.OpenGoals()));
        }
        if (text.equals("sorry") || text.equals("admit")) {
            int ps = hold(held.theorem(), null);
            return reply(new ReplResponse.TacticResult(ps, List.of(), List.of(),
                    List.of(new Sorry(state.goalText(), hold(held.theorem(), state), null, null)), null, dialect.status(new ProofStatus.ContainsSorry())));
        }
        Outcome outcome = state.find(text).map(SimTactic::outcome)
                .orElseGet(() -> UnknownTactics.outcome(text, state.goalText()));
        return switch (outcome) {
            case Outcome.Next next -> {
                SimState to = held.theorem().state(next.state());
                yield reply(new ReplResponse.TacticResult(hold(held.theorem(), to), to.goals(), List.of(), List.of(), null,
                        dialect.status(new ProofStatus.OpenGoals())));
            }
            case Outcome.Complete c -> completed(held);
            case Outcome.Cheat c -> completed(held);
            case Outcome.Error e -> switch (e.how()) {
                case ELABORATION -> reply(new ReplResponse.TacticResult(hold(held.theorem(), null), List.of(),
                        List.of(new Message(Severity.ERROR, e.message(), Positions.of(0, 0), Positions.of(0, 0))), List.of(), null,
                        dialect.status(new ProofStatus.ContainsSorry())));
                case PARSE, EXCEPTION -> reply(new ReplResponse.ErrorMessage("Lean error:\n" + e.message()));
            };
            case Outcome.Timeout to -> {
                spend(world.latency().tacticTimeout());
                yield reply(new ReplResponse.TacticResult(hold(held.theorem(), null), List.of(),
                        List.of(new Message(Severity.ERROR, heartbeats(), Positions.of(0, 0), Positions.of(0, 0))), List.of(), null,
                        dialect.status(new ProofStatus.ContainsSorry())));
            }
            case Outcome.Crash cr -> crash();
        };
    }

    private ReplAnswer completed(Held held) {
        return reply(new ReplResponse.TacticResult(hold(held.theorem(), null), List.of(), List.of(), List.of(), null,
                dialect.status(new ProofStatus.Completed())));
    }

    // ------------------------------------------------------------------ pickles

    private ReplAnswer pickleEnv(ReplRequest.PickleEnv p) {
        if (p.env() >= envs.size()) {
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
        return o.isEmpty() ? notAPickle(u.unpickleEnvFrom()) : reply(new ReplResponse.CommandResult(newEnv(null, null, null)));
    }

    private ReplAnswer unpickleState(ReplRequest.UnpickleProofState u) {
        if (u.env() != null && u.env() >= envs.size()) {
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
                ? reply(new ReplResponse.TacticResult(ps, List.of(), List.of(), List.of(), null, dialect.status(new ProofStatus.Completed())))
                : reply(new ReplResponse.TacticResult(ps, held.state().goals(), List.of(), List.of(), null, dialect.status(new ProofStatus.OpenGoals())));
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
        return new Message(Severity.WARNING, dialect.sorryWarning(), Positions.at(t.cmd(), t.nameStart()), Positions.at(t.cmd(), t.nameEnd()));
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
