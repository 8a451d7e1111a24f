package dev.stepwise.prover.sim.model;

import dev.stepwise.prover.sim.world.SimOutcome;
import dev.stepwise.prover.sim.world.SimState;
import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A whole proof as the simulated model writes one: a walk through the theorem's proof-state graph
 * from the root, each tactic drawn by its weight (temperature applied as {@code p^(1/T)}, as for
 * tactics), until a tactic completes the proof, fails, or cheats, or {@link #MAX_STEPS} tactics
 * are written with goals left. So a world's graph decides how often whole proofs are correct
 * (a walk ending at {@code complete}), wrong (at {@code error}, or goals left: Lean reports
 * {@code unsolved goals}) or cheating (at {@code cheat}), and the simulated REPL checks the written
 * proof by replaying the same graph. Tactics whose outcome is a timeout or a crash are faults of
 * Lean, not proofs a model writes: walks leave them out.
 */
final class WholeProofWalk {
    static final int MAX_STEPS = 16;
    /** The fence DeepSeek-Prover-V1.5's prompt leaves open before the file its model continues. */
    static final String OPEN_LEAN4_FENCE = "```lean4\n";

    private WholeProofWalk() {
    }

    /**
     * The tactics of one sampled proof, in order.
     *
     * @param avoid tactic texts the model no longer writes: those a repair turn's feedback marked
     *     as errors ({@code <error>TACTIC</error>}), so a revision learns from Lean's errors
     */
    static List<String> sample(WorldTheorem theorem, Random rng, double temperature, Set<String> avoid) {
        List<String> tactics = new ArrayList<>();
        SimState state = theorem.rootState();
        while (tactics.size() < MAX_STEPS) {
            List<SimTactic> usable = usable(state, avoid);
            if (usable.isEmpty()) {
                return tactics;
            }
            SimTactic chosen = draw(usable, rng, temperature);
            tactics.add(chosen.tactic());
            if (!(chosen.outcome() instanceof SimOutcome.Next next)) {
                return tactics;
            }
            state = theorem.state(next.state());
        }
        return tactics;
    }

    private static List<SimTactic> usable(SimState state, Set<String> avoid) {
        return state.tactics().stream()
                .filter(t -> t.weight() > 0)
                .filter(t -> !avoid.contains(t.tactic().strip()))
                .filter(t -> !(t.outcome() instanceof SimOutcome.Timeout || t.outcome() instanceof SimOutcome.Crash))
                .toList();
    }

    /**
     * The natural log of the probability the model (before temperature, the raw distribution a
     * server reports by default) gives the walk {@code tactics}: the product of each tactic's
     * share of its state's usable weight.
     */
    static double logProbability(WorldTheorem theorem, List<String> tactics) {
        double total = 0;
        SimState state = theorem.rootState();
        for (String tactic : tactics) {
            List<SimTactic> usable = usable(state, Set.of());
            double sum = usable.stream().mapToDouble(SimTactic::weight).sum();
            SimTactic chosen = usable.stream().filter(t -> t.tactic().equals(tactic)).findFirst().orElse(null);
            if (chosen == null || sum <= 0) {
                return total;
            }
            total += Math.log(chosen.weight() / sum);
            if (!(chosen.outcome() instanceof SimOutcome.Next next)) {
                return total;
            }
            state = theorem.state(next.state());
        }
        return total;
    }

    private static SimTactic draw(List<SimTactic> tactics, Random rng, double temperature) {
        double[] w = new double[tactics.size()];
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            // Temperature 0 is greedy: the heaviest tactic (the first of equals).
            w[i] = temperature <= 0 ? 0 : Math.pow(tactics.get(i).weight(), 1 / temperature);
            total += w[i];
        }
        if (temperature <= 0 || total <= 0) {
            SimTactic best = tactics.get(0);
            for (SimTactic t : tactics) {
                if (t.weight() > best.weight()) {
                    best = t;
                }
            }
            return best;
        }
        double x = rng.nextDouble() * total;
        for (int i = 0; i < w.length; i++) {
            x -= w[i];
            if (x < 0) {
                return tactics.get(i);
            }
        }
        return tactics.get(w.length - 1);
    }

    /**
     * The reply a reasoning prover gives: a short reasoning part, then the whole file in a
     * {@code lean4} block (header, statement, the tactics two spaces in), which every released
     * extraction rule takes (Kimina's needs {@code import} in the block: the header gives it).
     */
    static String reply(WorldTheorem theorem, List<String> tactics) {
        StringBuilder b = new StringBuilder();
        b.append("<think>\nSIMULATED reasoning: a proof drawn from the world's proof-state graph of ")
                .append(theorem.name()).append(".\n</think>\nHere is the complete proof.\n\n```lean4\n")
                .append(theorem.header());
        if (!theorem.header().isEmpty() && !theorem.header().endsWith("\n")) {
            b.append('\n');
        }
        b.append(theorem.statement().stripTrailing());
        for (String t : tactics) {
            b.append("\n  ").append(t.strip().replace("\n", "\n  "));
        }
        return b.append("\n```\n").toString();
    }

    /** The theorem whose statement (through {@code :=}, whitespace collapsed) {@code text} contains; the longest wins. */
    static Optional<WorldTheorem> theoremIn(World world, String text) {
        String normalized = StateLocator.normalize(text);
        WorldTheorem best = null;
        int bestLength = -1;
        for (WorldTheorem t : world.theorems()) {
            String s = t.statement().stripTrailing();
            int assign = s.lastIndexOf(":=");
            String key = StateLocator.normalize(assign > 0 ? s.substring(0, assign) : s);
            if (!key.isEmpty() && normalized.contains(key) && key.length() > bestLength) {
                best = t;
                bestLength = key.length();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The theorem a completions prompt asks the model to prove by continuing its file, as
     * DeepSeek-Prover-V1.5's prompts do (prover/utils.py at its release: the instruction, then
     * {@code ```lean4\n} and the file through {@code := by}, the fence left open): the prompt's last
     * {@code ```lean4} fence is still open and the text after it holds a world theorem's statement.
     * A step template's prompt never ends inside an open lean4 fence with a whole statement after
     * it, so step searches are answered as before.
     */
    static Optional<WorldTheorem> continuationAsked(World world, String prompt) {
        int open = prompt.lastIndexOf(OPEN_LEAN4_FENCE);
        if (open < 0) {
            return Optional.empty();
        }
        String file = prompt.substring(open + OPEN_LEAN4_FENCE.length());
        if (file.contains("```") || !file.stripTrailing().endsWith("by")) {
            return Optional.empty();
        }
        return theoremIn(world, file);
    }

    /**
     * How DeepSeek-Prover-V1.5 continues its prompt's open file: the proof's tactics two spaces
     * in, then the closing fence (its extraction, search.py's split at the first fence, takes what
     * comes before it). The prompt's statement ends with a newline, so the first line starts there.
     */
    static String continuation(List<String> tactics) {
        StringBuilder b = new StringBuilder();
        for (String t : tactics) {
            b.append("  ").append(t.strip().replace("\n", "\n  ")).append('\n');
        }
        return b.append("```").toString();
    }
}
