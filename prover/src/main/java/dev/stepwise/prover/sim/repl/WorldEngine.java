package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.Frame;
import dev.stepwise.lean.Message;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplProtocolException;
import dev.stepwise.lean.ReplRequest;
import dev.stepwise.lean.ReplResponse;
import dev.stepwise.lean.ResponseWriter;
import dev.stepwise.lean.Severity;
import dev.stepwise.lean.LeanText;
import dev.stepwise.prover.lean.LeanVersionProbe;
import dev.stepwise.prover.lean.SimulatedReplProbe;
import dev.stepwise.prover.sim.world.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The simulated REPL driven by a world: environments and proof states numbered as the REPL
 * numbers them (only growing, never freed), tactics answered from the world's graph, and whole
 * theorems (the acceptance gate's re-elaboration) answered by replaying their tactics through
 * the graph, reporting errors, unsolved goals, sorry warnings and {@code #print axioms} as Lean
 * does. Faults (crash, hang, garbage) and memory growth follow the world's settings. This class
 * reads each request and hands it on: theorems to {@link TheoremElaboration}, the gate's checks to
 * {@link GateCommands}, tactics to {@link TacticAnswers}, pickles to {@link Pickles}.
 */
final class WorldEngine implements ReplEngine {
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+\\S+");
    private static final Pattern CHECK = Pattern.compile("^\\s*#check\\s+(.+?)\\s*$", Pattern.DOTALL);
    private static final Pattern ASCRIPTION = Pattern.compile("^\\((.+) : (.+)\\)$");

    /** A theorem command that starts a proof ({@code := by sorry}), with the position of its name. */
    private static final Pattern STARTS_PROOF = Pattern.compile("(?s)(?<![\\w.'])(?:theorem|lemma)\\s+(\\S+).*:=\\s*by\\s+sorry\\s*$");

    private final World world;
    private final ReplDialect dialect;
    private final ReplCodec codec;
    private final MemoryBallast ballast = new MemoryBallast();
    private final EngineState engine = new EngineState();
    private final Answers answers;
    private final LeanClock clock;
    private final FaultDraws faults;
    private final TheoremElaboration theorems;
    private final GateCommands gate;
    private final TacticAnswers tactics;
    private final Pickles pickles;

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
        this.answers = new Answers(dialect, new ResponseWriter(codec));
        // One stream of draws for the faults and the tactic times, in request order, as one seed decides them.
        Random rng = new Random(faultSeed);
        this.clock = new LeanClock(world, rng, warmBy);
        this.faults = new FaultDraws(world, rng, engine);
        this.theorems = new TheoremElaboration(engine, answers, clock, faults);
        this.gate = new GateCommands(engine, answers);
        this.tactics = new TacticAnswers(engine, answers, clock, faults);
        this.pickles = new Pickles(world, engine, answers);
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
            return answers.reply(new ReplResponse.ErrorMessage("Could not parse JSON:\n" + e.getMessage()));
        }
        ReplAnswer answer = switch (request) {
            case ReplRequest.Command c -> command(c.cmd(), c.env());
            case ReplRequest.File f -> file(f);
            case ReplRequest.Tactic t -> tactics.tactic(t);
            case ReplRequest.PickleEnv p -> pickles.pickleEnv(p);
            case ReplRequest.PickleProofState p -> pickles.pickleState(p);
            case ReplRequest.UnpickleEnv u -> pickles.unpickleEnv(u);
            case ReplRequest.UnpickleProofState u -> pickles.unpickleState(u);
        };
        if (answer instanceof ReplAnswer.Reply) {
            ballast.grow(world.faults().memoryPerCommandBytes());
        }
        return answer;
    }

    private ReplAnswer command(String cmd, Integer env) {
        if (env != null && !engine.hasEnv(env)) {
            return answers.reply(new ReplResponse.ErrorMessage("Unknown environment."));
        }
        if (cmd.equals(SimulatedReplProbe.COMMAND)) {
            // Where a real REPL answers a bare comment with no message, the simulator names itself.
            return answers.reply(new ReplResponse.CommandResult(engine.newEnv(env, null, null), List.of(new Message(Severity.INFO,
                    SimulatedReplProbe.ANSWER, Positions.of(1, 0), Positions.of(1, cmd.length()))), List.of(), null, null));
        }
        if (cmd.strip().equals(LeanVersionProbe.COMMAND)) {
            // #eval of a String: one info message with the string as Lean shows it, quoted; the
            // version without its "v", as Lean.versionString writes it ("4.24.0", "4.9.0-rc1").
            return answers.reply(new ReplResponse.CommandResult(engine.newEnv(env, null, null), List.of(new Message(Severity.INFO,
                    "\"" + dialect.version().toString().substring(1) + "\"", Positions.of(1, 0), Positions.of(1, "#eval".length()))),
                    List.of(), null, null));
        }
        if (IMPORT.matcher(cmd).find()) {
            if (env != null) {
                return answers.reply(new ReplResponse.CommandResult(engine.newEnv(env, null, null), List.of(Answers.error(cmd,
                        IMPORT.matcher(cmd).results().findFirst().orElseThrow().start(),
                        "invalid 'import' command, it must be used in the beginning of the file")), List.of(), null, null));
            }
            clock.spend(clock.importTime());
        }
        Optional<TheoremText> theorem = TheoremText.find(world, cmd);
        if (theorem.isPresent()) {
            Optional<ReplAnswer> fault = faults.fault();
            if (fault.isPresent()) {
                return fault.get();
            }
            TheoremText t = theorem.get();
            if (env != null && engine.constants(env).containsKey(t.declared())) {
                // Lean.Elab.checkNotAlreadyDeclared (leanprover/lean4 src/Lean/Elab/DeclModifiers.lean)
                return answers.reply(new ReplResponse.CommandResult(engine.newEnv(env, null, null), List.of(Answers.error(cmd, t.nameStart(),
                        "'" + t.declared() + "' has already been declared")), List.of(), null, null));
            }
            return t.startsProof() ? theorems.start(t, env) : theorems.elaborate(t, env);
        }
        var unknown = STARTS_PROOF.matcher(LeanText.maskComments(cmd));
        if (unknown.find()) {
            // A statement the world does not hold does not elaborate in this simulated project: it
            // stands for one written for another Lean or Mathlib. Lean's answer to such a
            // statement is an error message at it; this one says plainly that it is the simulator's.
            return answers.reply(new ReplResponse.CommandResult(engine.newEnv(env, null, null), List.of(Answers.error(cmd,
                    unknown.start(1), "simulated Lean " + dialect.version() + ": the world has no statement like '"
                            + unknown.group(1) + "', so it does not elaborate here; to simulate your own statements, make a world"
                            + " from them: stepwise sim generate --from FILE --out WORLD.json")), List.of(), null, null));
        }
        var printAxioms = GateCommands.PRINT_AXIOMS.matcher(cmd);
        if (printAxioms.matches()) {
            return gate.printAxioms(cmd, env, printAxioms.group(1), printAxioms.start(1));
        }
        var agree = GateCommands.TYPES_AGREE.matcher(cmd);
        if (agree.matches()) {
            return gate.typesAgree(cmd, env, agree);
        }
        var check = CHECK.matcher(cmd);
        if (check.matches()) {
            String what = check.group(1);
            var ascribed = ASCRIPTION.matcher(what);
            String data = ascribed.matches() ? ascribed.group(1) + " : " + ascribed.group(2) : what + " : Type";
            return answers.reply(new ReplResponse.CommandResult(engine.newEnv(env, null, null), List.of(new Message(Severity.INFO, data,
                    Positions.of(1, 0), Positions.of(1, "#check".length()))), List.of(), null, null));
        }
        return answers.reply(new ReplResponse.CommandResult(engine.newEnv(env, null, null)));
    }

    private ReplAnswer file(ReplRequest.File f) {
        try {
            return command(Files.readString(Path.of(f.path())), f.env());
        } catch (IOException e) {
            return answers.reply(new ReplResponse.ErrorMessage("Lean error:\nno such file or directory (error code: 2)\n  file: " + f.path()));
        }
    }

    /**
     * Time the simulated Lean took for the answer just made; see {@link LeanClock}.
     */
    @Override
    public Duration takeLeanTime() {
        return clock.take();
    }
}
