package dev.stepwise.prover.sim.model;

import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.List;

/**
 * The simulated planner: asked for a proof sketch, it answers the world's sketches of the theorem
 * ({@link WorldTheorem#sketches}) in order, the k-th on the k-th turn of the conversation (each
 * re-plan request carries the sketches it answered before), round again when it has no more. A
 * world's sketches may be good (every hole provable), hold a hole with no proof in the graph, or
 * close the main goal with a cheat, so sketch mode's re-planning and its gate are both exercised.
 */
final class SketchReplies {
    /**
     * The words Stepwise's sketch prompt asks with (policy/prompt/SketchPrompt); a request holding
     * them is a planner's. The simulator reads the prompt as a model would: it has no other signal.
     */
    static final String ASKS_FOR_SKETCH = "proof sketch";

    private SketchReplies() {
    }

    static String reply(WorldTheorem theorem, int turn) {
        List<List<SimTactic>> sketches = theorem.sketches();
        if (sketches.isEmpty()) {
            return "SIMULATED: the world holds no sketch of " + theorem.name() + ", so the planner writes none.";
        }
        List<SimTactic> sketch = sketches.get(turn % sketches.size());
        StringBuilder b = new StringBuilder();
        b.append("SIMULATED plan ").append(turn % sketches.size() + 1).append(" of ").append(sketches.size())
                .append(" from the world's sketches of ").append(theorem.name())
                .append(": state the intermediate facts, leave each proof as sorry, then close the goal.\n\n```lean4\n")
                .append(theorem.header());
        if (!theorem.header().isEmpty() && !theorem.header().endsWith("\n")) {
            b.append('\n');
        }
        b.append(theorem.statement().stripTrailing());
        for (SimTactic t : sketch) {
            b.append("\n  ").append(t.tactic().strip().replace("\n", "\n  "));
        }
        return b.append("\n```\n").toString();
    }
}
