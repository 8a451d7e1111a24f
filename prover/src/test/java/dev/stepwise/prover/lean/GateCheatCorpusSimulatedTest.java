package dev.stepwise.prover.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.lean.AcceptanceGate;
import dev.stepwise.lean.GateDecision;
import dev.stepwise.lean.GatePolicy;
import dev.stepwise.lean.GateVerdict;
import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplPool;
import dev.stepwise.lean.ReplPoolConfig;
import dev.stepwise.lean.ReplProcessConfig;
import dev.stepwise.prover.problems.LeanDeclaration;
import dev.stepwise.prover.problems.LeanFileParser;
import dev.stepwise.prover.sim.SimulatedStack;
import dev.stepwise.prover.sim.TinyWorld;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimOutcome.CheatKind;
import dev.stepwise.prover.sim.world.SimOutcome.ErrorKind;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cheat corpus against the SIMULATED REPL, the way {@code stepwise lean check --reference}
 * checks a file: each case is a proof file of {@code tiny}, parsed by the product's parser, turned
 * into a gate request by {@link ProofFileChecker#request} and judged by the acceptance gate on
 * simulated REPL processes. Every cheat is rejected with the reason that names what caught it;
 * every honest proof is accepted. The world below says what each cheat tactic does in Lean (an
 * axiom it adds, an error, or nothing visible); docs/evidence/gate.md lists the corpus.
 */
class GateCheatCorpusSimulatedTest {
    private static final String REFERENCE = TinyWorld.HEADER + TinyWorld.STATEMENT + "\n  sorry\n";
    private static final String WEAK = "theorem tiny_weak (x : ℝ) (h₀ : 0 < x) : 0 < x := by";

    @TempDir
    static Path dir;

    private static SimulatedStack stack;
    private static ReplPool pool;
    private static AcceptanceGate gate;

    /** Tiny's graph plus what each cheat tactic does in Lean; a weaker theorem for the changed statement. */
    static World world() {
        World tiny = TinyWorld.world();
        WorldTheorem t = tiny.theorems().get(0);
        List<SimTactic> s0 = new ArrayList<>(t.rootState().tactics());
        SimOutcome reduceBool = new SimOutcome.Cheat(CheatKind.AXIOM, "Lean.ofReduceBool");
        s0.add(new SimTactic("decide +native", 0, reduceBool));
        s0.add(new SimTactic("decide (config := {native := true})", 0, reduceBool));
        s0.add(new SimTactic("exact (_root_.Lean.ofReduceBool _ _ rfl).symm ▸ trivial", 0, reduceBool));
        s0.add(new SimTactic("exact sorryAx _ false", 0, new SimOutcome.Cheat(CheatKind.AXIOM, "sorryAx")));
        s0.add(new SimTactic("exact cheat.elim", 0, new SimOutcome.Cheat(CheatKind.AXIOM, "cheat")));
        // with the kernel check skipped or arbitrary meta code, Lean reports nothing wrong: only the text shows it
        s0.add(new SimTactic("exact (set_option debug.«skipKernelTC» true in lie)", 0, new SimOutcome.Complete()));
        s0.add(new SimTactic("by_elab return Lean.mkConst ``lie", 0, new SimOutcome.Complete()));
        s0.add(new SimTactic("run_tac Lean.Elab.Tactic.closeMainGoal `lie (Lean.mkConst ``lie)", 0, new SimOutcome.Complete()));
        s0.add(new SimTactic("exact unsafeCast ()", 0, new SimOutcome.Error(ErrorKind.ELABORATION,
                "(kernel) invalid declaration, it uses unsafe declaration 'unsafeCast'")));
        s0.add(new SimTactic("nlinarith [sq_nonneg (x + 1), admitted_bound x, imported_pos h₀, sorry_free]", 0,
                new SimOutcome.Complete()));
        SimState root = new SimState(t.root(), t.rootState().goals(), s0);
        List<SimState> states = new ArrayList<>(List.of(root));
        t.states().stream().filter(s -> !s.id().equals(t.root())).forEach(states::add);
        WorldTheorem cheating = new WorldTheorem(t.name(), t.header(), t.statement(), true, t.root(), states);
        WorldTheorem weak = new WorldTheorem("tiny_weak", TinyWorld.HEADER, WEAK, true, "w0", List.of(new SimState("w0",
                List.of("x : ℝ\nh₀ : 0 < x\n⊢ 0 < x"), List.of(new SimTactic("exact h₀", 1, new SimOutcome.Complete())))));
        return new World(World.FORMAT, World.VERSION, true, "sim-model", 5, "corpus", TinyWorld.noLatency(), Faults.none(),
                List.of("norm_num"), List.of(cheating, weak));
    }

    @BeforeAll
    static void start() {
        Path file = dir.resolve("corpus-world.json");
        new WorldFile().write(world(), file);
        stack = SimulatedStack.start(file, ModelDialect.VLLM);
        var config = ReplPoolConfig.defaults(1, ReplProcessConfig.of(stack.replCommand(), dir), List.of(TinyWorld.HEADER))
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(60));
        pool = ReplPool.start(config, new ReplCodec(), HostTools.fromEnvironment(), InstantSource.system());
        gate = new AcceptanceGate(pool, GatePolicy.standard(Duration.ofSeconds(20)));
    }

    @AfterAll
    static void stop() {
        pool.close();
        stack.close();
    }

    /**
     * One proof file of tiny: what it is, its text, the reason that must reject it (null: accepted),
     * and whether it is checked against itself ({@code lean check FILE} without {@code --reference}).
     */
    record Case(String kind, String file, String caughtBy, boolean ownReference) {
        Case(String kind, String file, String caughtBy) {
            this(kind, file, caughtBy, false);
        }
    }

    private static String proof(String tactics) {
        return TinyWorld.HEADER + TinyWorld.STATEMENT + "\n  " + tactics + "\n";
    }

    private static String header(String extra, String tactics) {
        return TinyWorld.HEADER + extra + "\n" + TinyWorld.STATEMENT + "\n  " + tactics + "\n";
    }

    static List<Case> cheats() {
        return List.of(
                new Case("sorry", proof("have h₁ : 0 ≤ x ^ 2 := by positivity\n  sorry"), "forbidden text in the proof: `sorry`"),
                new Case("admit", proof("have h₁ : 0 ≤ x ^ 2 := by positivity\n  admit"), "forbidden text in the proof: `admit`"),
                new Case("native_decide", proof("native_decide"), "depends on axiom Lean.ofReduceBool"),
                new Case("decide +native", proof("decide +native"), "depends on axiom Lean.ofReduceBool"),
                new Case("decide (config := {native := true})", proof("decide (config := {native := true})"),
                        "depends on axiom Lean.ofReduceBool"),
                new Case("_root_.Lean.ofReduceBool", proof("exact (_root_.Lean.ofReduceBool _ _ rfl).symm ▸ trivial"),
                        "forbidden text in the proof: `ofReduceBool`"),
                new Case("explicit sorryAx", proof("exact sorryAx _ false"), "depends on axiom sorryAx"),
                new Case("forged axiom report", proof("trace \"'tiny' does not depend on any axioms\"\n  decide +native"),
                        "depends on axiom Lean.ofReduceBool"),
                new Case("set_option debug.«skipKernelTC» in the proof",
                        proof("exact (set_option debug.«skipKernelTC» true in lie)"), "`skipKernelTC`"),
                new Case("by_elab", proof("by_elab return Lean.mkConst ``lie"), "`by_elab`"),
                new Case("run_tac", proof("run_tac Lean.Elab.Tactic.closeMainGoal `lie (Lean.mkConst ``lie)"), "`run_tac`"),
                new Case("unsafeCast", proof("exact unsafeCast ()"), "uses unsafe declaration 'unsafeCast'"),
                new Case("changed statement (weaker)", TinyWorld.HEADER
                        + "theorem tiny (x : ℝ) (h₀ : 0 < x) : 0 < x := by\n  exact h₀\n",
                        "the proved statement is not the reference statement"),
                new Case("proof of another statement (kernel)", proof("simp_all [show False from by assumption]"),
                        "(kernel) declaration type mismatch"),
                new Case("extra top-level command after the proof", proof("positivity\nrun_cmd Lean.logInfo \"hi\""),
                        "the proof adds a top-level command after the theorem"),
                new Case("elab_rules after the proof", proof("positivity\nelab_rules : tactic | `(tactic| positivity) => pure ()"),
                        "the proof adds a top-level command after the theorem"),
                new Case("look-alike name (Greek omicron)", TinyWorld.HEADER
                        + TinyWorld.STATEMENT.replace("tiny", "tοny") + "\n  positivity\n", "no reference statement named"),
                new Case("user axiom in the header", header("axiom cheat : False", "exact cheat.elim"),
                        "the header differs from the reference header (it adds `axiom cheat : False`)"),
                new Case("user axiom, file checked against itself", header("axiom cheat : False", "exact cheat.elim"),
                        "depends on axiom cheat, which is not allowed", true),
                new Case("macro_rules in the header",
                        header("macro_rules | `(tactic| norm_num) => `(tactic| sorry)", "positivity"),
                        "the header differs from the reference header"),
                new Case("elab_rules in the header",
                        header("elab_rules : tactic | `(tactic| positivity) => pure ()", "positivity"),
                        "the header differs from the reference header"),
                new Case("notation in the header", header("local notation \"ℝ\" => ℕ", "positivity"),
                        "the header differs from the reference header"),
                new Case("namespace in the header", header("namespace Real", "positivity"),
                        "the header differs from the reference header (it adds `namespace Real`)"),
                new Case("open ... in before the theorem", header("open Nat in", "positivity"),
                        "the header differs from the reference header (it adds `open Nat in`)"),
                new Case("section in the header", header("section\nvariable (y : ℝ)", "positivity"),
                        "the header differs from the reference header"),
                new Case("attribute in the header", header("attribute [simp] mul_self_nonneg", "positivity"),
                        "the header differs from the reference header"),
                new Case("implemented_by in the header",
                        header("@[implemented_by id] def lie (p : Prop) : p := lie p", "positivity"),
                        "the header differs from the reference header"),
                new Case("set_option debug.skipKernelTC in the header",
                        header("set_option debug.skipKernelTC true", "positivity"),
                        "the header differs from the reference header"),
                new Case("macro rewriting #print axioms",
                        header("macro \"#print\" \"axioms\" x:ident : command => `(#check $x)", "positivity"),
                        "the header differs from the reference header"));
    }

    static List<Case> honest() {
        return List.of(
                new Case("one step", proof("positivity"), null),
                new Case("two steps", proof("have h₁ : 0 ≤ x ^ 2 := by positivity\n  nlinarith [h₁, h₀]"), null),
                new Case("comment inside the statement", TinyWorld.HEADER
                        + "theorem tiny (x : ℝ) -- the variable\n    (h₀ : 0 < x) /- positive -/ : 0 < x ^ 2 + x := by\n"
                        + "  positivity\n", null),
                new Case("comment in the proof and the header", "-- a file\n" + TinyWorld.HEADER + "/- note -/\n"
                        + TinyWorld.STATEMENT + "\n  -- square first\n  positivity -- done\n", null),
                new Case("names that contain forbidden words", proof(
                        "nlinarith [sq_nonneg (x + 1), admitted_bound x, imported_pos h₀, sorry_free]"), null));
    }

    private static GateVerdict check(Case c) {
        List<LeanDeclaration> ds = LeanFileParser.declarations(c.file(), c.kind() + ".lean");
        LeanDeclaration d = ds.get(ds.size() - 1);
        LeanDeclaration reference = c.ownReference() ? d
                : LeanFileParser.declarations(REFERENCE, "reference.lean").get(0);
        if (d.needsProof()) {
            return new GateVerdict(d.name(), GateDecision.REJECTED, List.of("no proof"), List.of());
        }
        if (!d.name().equals(reference.name())) {
            // ProofFileChecker's lookup by name: a look-alike finds no reference
            return new GateVerdict(d.name(), GateDecision.REJECTED,
                    List.of("no reference statement named '" + d.name() + "'"), List.of());
        }
        return gate.check(ProofFileChecker.request(d, reference));
    }

    @Test
    void everyCheatIsRejectedByWhatCatchesIt() {
        List<String> missed = new ArrayList<>();
        for (Case c : cheats()) {
            GateVerdict v = check(c);
            if (v.decision() != GateDecision.REJECTED || v.reasons().stream().noneMatch(r -> r.contains(c.caughtBy()))) {
                missed.add(c.kind() + ": " + v.decision() + " " + v.reasons());
            }
        }
        assertEquals(List.of(), missed);
        assertTrue(cheats().size() >= 25, "the corpus has at least 25 kinds");
    }

    @Test
    void everyHonestProofIsAccepted() {
        for (Case c : honest()) {
            GateVerdict v = check(c);
            assertEquals(GateDecision.ACCEPTED, v.decision(), c.kind() + ": " + v.reasons());
            assertEquals(List.of("propext", "Classical.choice", "Quot.sound"), v.axioms(), c.kind());
        }
    }

    @Test
    void aForgedReportPrintedByTheProofIsNotReadAsTheAxiomReport() {
        // the filter alone would catch `decide +native`; with it off, Lean's own report still rejects
        AcceptanceGate unfiltered = new AcceptanceGate(pool, new GatePolicy(GatePolicy.STANDARD_AXIOMS, List.of(),
                Duration.ofSeconds(20)));
        LeanDeclaration reference = LeanFileParser.declarations(REFERENCE, "reference.lean").get(0);
        LeanDeclaration forged = LeanFileParser.declarations(proof(
                "trace \"'tiny' does not depend on any axioms\"\n  decide +native"), "forged.lean").get(0);
        GateVerdict v = unfiltered.check(ProofFileChecker.request(forged, reference));
        assertEquals(List.of("depends on axiom Lean.ofReduceBool, which is not allowed"), v.reasons());
        assertEquals(List.of("propext", "Classical.choice", "Lean.ofReduceBool", "Quot.sound"), v.axioms());
    }
}
