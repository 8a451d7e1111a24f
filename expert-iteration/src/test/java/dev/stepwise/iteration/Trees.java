package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.ArrayList;
import java.util.List;

/** Hand-made search trees for tests. */
final class Trees {
    private final String attempt;
    private final Verdict verdict;
    private final List<AttemptTree.Node> nodes = new ArrayList<>();
    private final List<AttemptTree.Edge> edges = new ArrayList<>();

    private Trees(String attempt, Verdict verdict, String root) {
        this.attempt = attempt;
        this.verdict = verdict;
        nodes.add(new AttemptTree.Node(root));
    }

    static Trees attempt(String attempt, Verdict verdict, String root) {
        return new Trees(attempt, verdict, root);
    }

    /** Adds a progress edge and its new child node; returns the child's index. */
    int progress(int parent, String tactic, String childGoals) {
        nodes.add(new AttemptTree.Node(childGoals));
        int child = nodes.size() - 1;
        edges.add(new AttemptTree.Edge(parent, tactic, -0.5, 2, EdgeKind.PROGRESS, null, child));
        return child;
    }

    /** A progress edge to an existing node (state dedup makes the tree a DAG). */
    Trees progressTo(int parent, String tactic, int child) {
        edges.add(new AttemptTree.Edge(parent, tactic, -0.5, 2, EdgeKind.PROGRESS, null, child));
        return this;
    }

    Trees fail(int parent, String tactic, EdgeKind kind) {
        edges.add(new AttemptTree.Edge(parent, tactic, -1.0, 2, kind, "error: " + tactic, null));
        return this;
    }

    Trees complete(int parent, String tactic) {
        edges.add(new AttemptTree.Edge(parent, tactic, -0.1, 1, EdgeKind.PROOF_COMPLETE, null, null));
        return this;
    }

    AttemptTree build() {
        return new AttemptTree(attempt, verdict, nodes, edges);
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
    static AttemptTree standard(String attempt) {
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
