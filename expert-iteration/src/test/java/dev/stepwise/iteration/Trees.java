package dev.stepwise.iteration;

import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.Status;
import dev.stepwise.search.Theorem;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-made search trees for tests, in the search's own recorded shape. Nodes are left open with no
 * distances: harvesting reads the proof off the edges, not the statuses.
 */
final class Trees {
    private final String attempt;
    private final Verdict verdict;
    private final List<NodeRecord> nodes = new ArrayList<>();
    private final List<EdgeRecord> edges = new ArrayList<>();

    private Trees(String attempt, Verdict verdict, String root) {
        this.attempt = attempt;
        this.verdict = verdict;
        nodes.add(node(0, root, 0));
    }

    private static NodeRecord node(int id, String goals, int depth) {
        return new NodeRecord(id, goals, 1, Status.OPEN, depth, 0.0, NodeRecord.UNPROVED, NodeRecord.NOT_EXPANDED, 0);
    }

    static Trees attempt(String attempt, Verdict verdict, String root) {
        return new Trees(attempt, verdict, root);
    }

    /** Adds a progress edge and its new child node; returns the child's index. */
    int progress(int parent, String tactic, String childGoals) {
        return progress(parent, tactic, -0.5, 2, childGoals);
    }

    /** A progress edge with the policy's numbers given. */
    int progress(int parent, String tactic, double logProbSum, int tokenCount, String childGoals) {
        int child = nodes.size();
        nodes.add(node(child, childGoals, nodes.get(parent).depth() + 1));
        edges.add(new EdgeRecord(parent, child, tactic, logProbSum, tokenCount, logProbSum, EdgeKind.PROGRESS, "", 0));
        return child;
    }

    /** A progress edge to an existing node (state dedup makes the tree a DAG). */
    Trees progressTo(int parent, String tactic, int child) {
        edges.add(new EdgeRecord(parent, child, tactic, -0.5, 2, -0.5, EdgeKind.PROGRESS, "", 0));
        return this;
    }

    Trees fail(int parent, String tactic, EdgeKind kind) {
        edges.add(new EdgeRecord(parent, EdgeRecord.NO_NODE, tactic, -1.0, 2, -1.0, kind, "error: " + tactic, 0));
        return this;
    }

    /** A tactic Lean refused with this message, with the policy's numbers given. */
    Trees failWith(int parent, String tactic, double logProbSum, int tokenCount, String message) {
        edges.add(new EdgeRecord(parent, EdgeRecord.NO_NODE, tactic, logProbSum, tokenCount, logProbSum, EdgeKind.LEAN_ERROR,
                message, 0));
        return this;
    }

    Trees complete(int parent, String tactic) {
        edges.add(new EdgeRecord(parent, EdgeRecord.NO_NODE, tactic, -0.1, 1, -0.1, EdgeKind.PROOF_COMPLETE, "", 0));
        return this;
    }

    SearchedAttempt build() {
        return new SearchedAttempt(attempt, verdict, new RecordedTree(nodes, edges));
    }

    static Theorem theorem(String name) {
        return new Theorem(name, "import Mathlib", "theorem " + name + " : True := by");
    }

    /** A readable renderer that shows every input, so tests can see what reached the prompt. */
    static PromptRenderer renderer() {
        return new PromptRenderer() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public String prompt(Theorem theorem, List<String> proofBefore, String state) {
                return theorem.name() + "|" + String.join(";", proofBefore) + "|" + state + ":::";
            }

            @Override
            public String completion(String tactic) {
                return " " + tactic;
            }
        };
    }

    /**
     * The standard example: root "⊢ a"; "bad1" fails; "step1" reaches "⊢ b"; "side" reaches
     * "⊢ dead" where "x" times out; at "⊢ b" "bad2" fails and "finish" completes the proof.
     */
    static SearchedAttempt standard(String attempt) {
        Trees t = attempt(attempt, Verdict.ACCEPTED, "⊢ a");
        t.fail(0, "bad1", EdgeKind.LEAN_ERROR);
        int b = t.progress(0, "step1", "⊢ b");
        int dead = t.progress(0, "side", "⊢ dead");
        t.fail(b, "bad2", EdgeKind.LEAN_ERROR);
        t.complete(b, "finish");
        t.fail(dead, "x", EdgeKind.TIMEOUT);
        return t.build();
    }
}
