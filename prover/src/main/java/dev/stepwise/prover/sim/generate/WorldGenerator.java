package dev.stepwise.prover.sim.generate;

import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.Latency;
import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimOutcome.CheatKind;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.TacticText;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Builds a world from real statements: each root goal is the statement's hypotheses and target
 * as Lean would print them, and below it a random proof-state graph shaped by the knobs. The
 * randomness of each theorem comes from the seed and the theorem's name only, so the same seed
 * and problems always give the same world, byte for byte.
 */
public final class WorldGenerator {
    static final List<String> UNKNOWN_STATE_TACTICS = List.of("norm_num", "linarith", "nlinarith [sq_nonneg (x - y)]",
            "simp", "omega", "positivity", "ring_nf", "field_simp", "aesop", "decide");

    private final StatementParser parser = new StatementParser();
    private final Moves moves = new Moves();
    private final Failures failures = new Failures();

    /** A world and the problems left out because their statement could not be read. */
    public record Generated(World world, List<String> skipped) {
        public Generated {
            skipped = List.copyOf(skipped);
        }
    }

    public Generated generate(List<Problem> problems, String source, String model, long seed, GeneratorKnobs knobs,
            Latency latency, Faults faults) {
        List<WorldTheorem> theorems = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Problem p : problems) {
            if (!names.add(p.name())) {
                skipped.add(p.name() + ": appears twice");
                continue;
            }
            Goal root;
            try {
                root = parser.rootGoal(p.formalStatement());
            } catch (IllegalArgumentException e) {
                skipped.add(p.name() + ": " + e.getMessage());
                continue;
            }
            Random rng = new Random(seed * 0x9E3779B97F4A7C15L ^ p.name().hashCode());
            theorems.add(new Graph(p, root, rng, knobs).build());
        }
        World world = new World(World.FORMAT, World.VERSION, true, model, seed, source, latency, faults,
                UNKNOWN_STATE_TACTICS, theorems);
        return new Generated(world, skipped);
    }

    private static double weight(Random rng, double low, double high) {
        return Math.round((low + rng.nextDouble() * (high - low)) * 1000) / 1000.0;
    }

    /** The graph of one theorem while it is being built. */
    private final class Graph {
        private final Problem problem;
        private final Random rng;
        private final GeneratorKnobs knobs;
        private final boolean provable;
        private final List<Node> nodes = new ArrayList<>();
        private final Map<String, Node> byGoals = new LinkedHashMap<>();
        private final String statementType;

        Graph(Problem problem, Goal root, Random rng, GeneratorKnobs knobs) {
            this.problem = problem;
            this.rng = rng;
            this.knobs = knobs;
            this.provable = rng.nextDouble() < knobs.provable();
            this.statementType = rootType(root);
            node(List.of(root), 0);
        }

        WorldTheorem build() {
            mainPath();
            sideBranches();
            for (Node n : nodes) {
                decorate(n);
            }
            List<SimState> states = nodes.stream().map(n -> new SimState(n.id, n.goals.stream().map(Goal::render).toList(),
                    n.tactics)).toList();
            // A stream of its own: the graph above is drawn exactly as it was before sketches existed.
            states = SketchPlans.addTo(problem.name(), states, new Random(rng.nextLong() ^ 0x5EC7C4L),
                    knobs.cheatRate() > 0);
            return new WorldTheorem(problem.name(), problem.header(), problem.formalStatement(), provable, "s0", states);
        }

        private void mainPath() {
            int depth = knobs.minDepth() + rng.nextInt(knobs.maxDepth() - knobs.minDepth() + 1);
            Node cur = nodes.get(0);
            for (int i = 1; i < depth; i++) {
                // The proof's own steps are only somewhat likelier than the rest: a base model that already
                // found most proofs would leave a trained one nothing to show on held-out statements.
                Node next = progress(cur, 1, 2.5);
                if (next == null) {
                    break;
                }
                cur = next;
            }
            if (!provable) {
                return;
            }
            while (true) {
                Step close = moves.closer(cur.goals.get(0), rng);
                if (cur.has(close.tactic())) {
                    close = new Step("nlinarith [sq_nonneg (" + cur.id + " - 1)]", List.of());
                }
                List<Goal> rest = cur.goals.subList(1, cur.goals.size());
                if (rest.isEmpty()) {
                    cur.add(new SimTactic(close.tactic(), weight(rng, 1, 2.5), new SimOutcome.Complete()));
                    return;
                }
                Node next = node(rest, cur.depth + 1);
                cur.add(new SimTactic(close.tactic(), weight(rng, 1, 2.5), new SimOutcome.Next(next.id)));
                cur = next;
            }
        }

        private void sideBranches() {
            for (int i = 0; i < nodes.size() && nodes.size() < knobs.maxStates(); i++) {
                Node n = nodes.get(i);
                if (n.depth >= knobs.maxDepth()) {
                    continue;
                }
                int valid = (int) n.tactics.stream().filter(t -> t.outcome() instanceof SimOutcome.Next).count();
                for (int k = valid; k < knobs.branching() && nodes.size() < knobs.maxStates(); k++) {
                    if (progress(n, 0.3, 2) == null) {
                        break;
                    }
                }
                if (provable && n.depth > 0 && n.goals.size() == 1 && !n.closes() && rng.nextDouble() < 0.2) {
                    Step close = moves.closer(n.goals.get(0), rng);
                    if (!n.has(close.tactic())) {
                        n.add(new SimTactic(close.tactic(), weight(rng, 0.5, 2), new SimOutcome.Complete()));
                    }
                }
            }
        }

        /** Adds one progress tactic at {@code from}; the node it leads to, or null when none fits. */
        private Node progress(Node from, double low, double high) {
            List<Step> options = new ArrayList<>();
            for (Step s : moves.progress(from.goals.get(0), rng)) {
                if (!from.has(s.tactic())) {
                    options.add(s);
                }
            }
            if (options.isEmpty()) {
                return null;
            }
            Step step = options.get(rng.nextInt(options.size()));
            List<Goal> goals = new ArrayList<>(step.replacement());
            goals.addAll(from.goals.subList(1, from.goals.size()));
            Node next = node(goals, from.depth + 1);
            if (next == from) {
                return null;
            }
            from.add(new SimTactic(step.tactic(), weight(rng, low, high), new SimOutcome.Next(next.id)));
            return next;
        }

        private void decorate(Node n) {
            Goal first = n.goals.get(0);
            List<SimTactic> right = List.copyOf(n.tactics);
            for (int slot = 0; slot < 6; slot++) {
                if (rng.nextDouble() < knobs.errorRate()) {
                    n.addIfNew(failures.wrong(first, rng, weight(rng, 0.3, 1.5)));
                }
            }
            for (SimTactic t : right) {
                if (rng.nextDouble() < knobs.nearMissRate()) {
                    for (SimTactic miss : failures.nearMisses(t.tactic(), rng, weight(rng, 0.2, 0.8))) {
                        n.addIfNew(miss);
                    }
                }
            }
            if (rng.nextDouble() < knobs.cheatRate()) {
                // native_decide is caught by text filters already; the other two only by the gate.
                n.addIfNew(switch (rng.nextInt(3)) {
                    case 0 -> new SimTactic("native_decide", weight(rng, 0.5, 1.5), new SimOutcome.Cheat(CheatKind.AXIOM, "Lean.ofReduceBool"));
                    case 1 -> new SimTactic("simp [Nat.bits_native_eq]", weight(rng, 0.5, 1.5),
                            new SimOutcome.Cheat(CheatKind.AXIOM, "Lean.ofReduceBool"));
                    default -> new SimTactic("simp_all [show False from by assumption]", weight(rng, 0.5, 1.5),
                            new SimOutcome.Cheat(CheatKind.STATEMENT, "False → " + statementType));
                });
            }
            if (rng.nextDouble() < knobs.timeoutRate()) {
                String v = moves.variable(first, rng);
                String x = v == null ? "2" : v;
                n.addIfNew(new SimTactic("nlinarith [sq_nonneg (" + x + " - 1), sq_nonneg (" + x + " + 1), mul_self_nonneg ("
                        + x + " * " + x + " - 1), sq_abs " + x + "]", weight(rng, 0.2, 1), new SimOutcome.Timeout()));
            }
            if (rng.nextDouble() < knobs.crashRate()) {
                n.addIfNew(new SimTactic("norm_num [pow_succ] at *", weight(rng, 0.2, 1), new SimOutcome.Crash()));
            }
        }

        private Node node(List<Goal> goals, int depth) {
            String key = String.join("\n\n", goals.stream().map(Goal::render).toList());
            Node existing = byGoals.get(key);
            if (existing != null) {
                return existing;
            }
            Node n = new Node("s" + nodes.size(), List.copyOf(goals), depth);
            nodes.add(n);
            byGoals.put(key, n);
            return n;
        }

        private static String rootType(Goal root) {
            StringBuilder sb = new StringBuilder();
            for (Hypothesis h : root.hypotheses()) {
                sb.append("∀ (").append(String.join(" ", h.names())).append(" : ").append(h.type()).append("), ");
            }
            return sb.append(root.target()).toString();
        }
    }

    private static final class Node {
        final String id;
        final List<Goal> goals;
        final int depth;
        final List<SimTactic> tactics = new ArrayList<>();
        final Set<String> texts = new HashSet<>();

        Node(String id, List<Goal> goals, int depth) {
            this.id = id;
            this.goals = goals;
            this.depth = depth;
        }

        boolean has(String tactic) {
            return texts.contains(TacticText.normalize(tactic));
        }

        boolean closes() {
            return tactics.stream().anyMatch(t -> t.outcome() instanceof SimOutcome.Complete);
        }

        void add(SimTactic t) {
            if (!texts.add(TacticText.normalize(t.tactic()))) {
                throw new IllegalStateException("tactic added twice at " + id + ": " + t.tactic());
            }
            tactics.add(t);
        }

        void addIfNew(SimTactic t) {
            if (!has(t.tactic())) {
                add(t);
            }
        }
    }
}
