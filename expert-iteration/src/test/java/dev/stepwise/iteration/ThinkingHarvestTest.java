package dev.stepwise.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.Status;
import dev.stepwise.search.Theorem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model that thinks before its tactic (Lean-STaR) is trained on the thoughts its own search
 * wrote: the harvest puts each proof edge's thought in the SFT completion, and a refused sibling's
 * own thought in the DPO rejection; the thoughts stage sees the same steps with those thoughts.
 */
class ThinkingHarvestTest {
    private static final PromptRenderer THINKING = new PromptRenderer() {
        @Override
        public String name() {
            return "thinking";
        }

        @Override
        public String prompt(Theorem theorem, List<String> proofBefore, String state) {
            return state + "|";
        }

        @Override
        public String completion(String tactic) {
            return completion("", tactic);
        }

        @Override
        public String completion(String thought, String tactic) {
            return "(" + thought + ") " + tactic;
        }
    };

    private static NodeRecord node(int id, String goals) {
        return new NodeRecord(id, goals, 1, Status.OPEN, id, 0.0, NodeRecord.UNPROVED, NodeRecord.NOT_EXPANDED, 0);
    }

    @Test
    void eachCompletionCarriesTheThoughtTheSearchWroteBeforeItsTactic() {
        RecordedTree tree = new RecordedTree(List.of(node(0, "⊢ a"), node(1, "⊢ b")), List.of(
                new EdgeRecord(0, EdgeRecord.NO_NODE, "bad", -1, 1, -1, EdgeKind.LEAN_ERROR, "no", 0, "Maybe bad works."),
                new EdgeRecord(0, 1, "step", -0.5, 1, -0.5, EdgeKind.PROGRESS, "", 0, "First step."),
                new EdgeRecord(1, EdgeRecord.NO_NODE, "done", -0.1, 1, -0.1, EdgeKind.PROOF_COMPLETE, "", 0)));
        SearchedProblem p = new SearchedProblem(Trees.theorem("t"), Difficulty.REGULAR,
                List.of(new SearchedAttempt("a1", Verdict.ACCEPTED, tree)));
        Harvest h = new Harvester(THINKING).harvest(List.of(p));

        assertEquals(List.of("(First step.) step", "() done"), h.examples().stream().filter(e -> e instanceof Example.Sft)
                .map(e -> ((Example.Sft) e).completion()).toList());
        Example.Preference dpo = (Example.Preference) h.examples().stream().filter(e -> e.kind() == ExampleKind.DPO)
                .findFirst().orElseThrow();
        assertEquals("(Maybe bad works.) bad", dpo.rejected());
        assertEquals(List.of("First step.", ""), Harvester.steps(List.of(p)).stream().map(TacticStep::searchThought).toList());
    }
}
