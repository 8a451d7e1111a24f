package dev.stepwise.iteration;

import dev.stepwise.search.AttemptMode;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.Theorem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns accepted proofs and their search trees into training examples. Per statement only the
 * shortest accepted proof is used (ties: the earliest attempt), so a statement contributes one
 * path of (state, tactic) pairs however many attempts proved it. From the same tree come DPO pairs
 * (the proof's tactic over a sibling from the same state that Lean refused) and critic pairs (a
 * later state of the proof over its ancestor; the state that leads to the proof over a sibling
 * state that leads to none). Only Lean refusing a tactic makes a failed sibling: a timeout or a
 * crash is the machine's fault as much as the tactic's, and a tactic refused before Lean, a proof
 * the gate rejected, a filtered candidate and a cycle say nothing about the tactic's Lean. A
 * statement proved only whole gives one whole-proof example in the model's own format
 * ({@link PromptRenderer#wholeProof}).
 */
public final class Harvester {
    private final PromptRenderer renderer;

    public Harvester(PromptRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /** The proof the harvest uses for a statement: its shortest accepted one (ties: the earliest attempt). */
    static Optional<ProofPath> best(SearchedProblem p) {
        return p.attempts().stream()
                .filter(a -> a.verdict() == Verdict.ACCEPTED && a.mode() == AttemptMode.STEP)
                .map(ProofPath::shortest)
                .flatMap(Optional::stream)
                .min(Comparator.comparingInt(ProofPath::length));
    }

    /** The (state, tactic) steps of the proofs {@link #harvest} uses, in the order it harvests them. */
    static List<TacticStep> steps(List<SearchedProblem> problems) {
        List<TacticStep> out = new ArrayList<>();
        for (SearchedProblem p : problems) {
            Optional<ProofPath> best = best(p);
            if (best.isEmpty()) {
                continue;
            }
            ProofPath path = best.get();
            RecordedTree tree = path.attempt().tree();
            List<String> tactics = path.tactics();
            for (int i = 0; i < path.length(); i++) {
                out.add(new TacticStep(p.theorem().name(), path.attempt().attempt(), p.theorem(), tactics.subList(0, i),
                        tree.nodes().get(path.nodes().get(i)).goals(), tactics.get(i),
                        tree.edges().get(path.edges().get(i)).thought()));
            }
        }
        return out;
    }

    public Harvest harvest(List<SearchedProblem> problems) {
        List<Example> out = new ArrayList<>();
        int proofs = 0;
        int steps = 0;
        for (SearchedProblem p : problems) {
            Optional<ProofPath> best = best(p);
            if (best.isEmpty()) {
                Optional<Example.Sft> whole = wholeProof(p);
                if (whole.isPresent()) {
                    proofs++;
                    out.add(whole.get());
                }
                continue;
            }
            proofs++;
            steps += best.get().length();
            harvestPath(p.theorem(), best.get(), out);
        }
        return new Harvest(out, proofs, steps);
    }

    /**
     * A statement proved whole (no step search proved it): one example, as a step-proved statement
     * gives one path. The earliest accepted whole-proof attempt's first accepted reply; when that
     * reply is a revision, the example's prompt is the repair conversation that led to it (the
     * attempt's prompt, then each refused reply and the repair turn with Lean's errors), as the
     * model was asked. A reply stored without its text (before replies were kept) gives none.
     */
    private Optional<Example.Sft> wholeProof(SearchedProblem p) {
        for (SearchedAttempt a : p.attempts()) {
            if (a.verdict() != Verdict.ACCEPTED || a.mode() != AttemptMode.WHOLE_PROOF) {
                continue;
            }
            List<EdgeRecord> edges = a.tree().edges();
            for (int i = 0; i < edges.size(); i++) {
                if (edges.get(i).kind() != EdgeKind.PROOF_COMPLETE) {
                    continue;
                }
                // the chain back to the sampled reply: each revision follows the edge it revises
                int first = i;
                while (first > 0 && edges.get(first).revision()) {
                    first--;
                }
                List<WholeProofTurns.Revised> earlier = new ArrayList<>();
                boolean complete = !edges.get(first).revision() && !edges.get(i).thought().isEmpty();
                for (int j = first; j < i && complete; j++) {
                    earlier.add(new WholeProofTurns.Revised(edges.get(j).thought(), edges.get(j + 1).feedback()));
                    complete = !edges.get(j).thought().isEmpty();
                }
                if (!complete) {
                    return Optional.empty();
                }
                return renderer.wholeProof(p.theorem(), earlier, edges.get(i).thought())
                        .map(t -> new Example.Sft(p.theorem().name(), a.attempt(), t.prompt(), t.completion(), t.shape()));
            }
        }
        return Optional.empty();
    }

    private void harvestPath(Theorem theorem, ProofPath path, List<Example> out) {
        RecordedTree tree = path.attempt().tree();
        String problem = theorem.name();
        String attempt = path.attempt().attempt();
        List<Integer> nodes = path.nodes();
        List<String> tactics = path.tactics();
        for (int i = 0; i < path.length(); i++) {
            String state = tree.nodes().get(nodes.get(i)).goals();
            String prompt = renderer.prompt(theorem, tactics.subList(0, i), state);
            String tactic = tactics.get(i);
            // A model that thinks first (Lean-STaR) is trained on the thought its search wrote before the tactic,
            // as Lean-STaR's expert iteration does; a plain template leaves the thought out.
            String completion = renderer.completion(tree.edges().get(path.edges().get(i)).thought(), tactic);
            out.add(new Example.Sft(problem, attempt, prompt, completion));

            Map<String, String> refused = new LinkedHashMap<>();
            for (EdgeRecord sibling : siblings(tree, nodes.get(i))) {
                if (sibling.kind() == EdgeKind.LEAN_ERROR && !sibling.tactic().equals(tactic)) {
                    refused.putIfAbsent(sibling.tactic(), sibling.thought());
                }
            }
            for (Map.Entry<String, String> bad : refused.entrySet()) {
                String rejected = renderer.completion(bad.getValue(), bad.getKey());
                if (!rejected.equals(completion)) {
                    out.add(new Example.Preference(ExampleKind.DPO, problem, attempt, prompt, completion, rejected));
                }
            }
        }
        harvestCritic(theorem, path, out);
    }

    private void harvestCritic(Theorem theorem, ProofPath path, List<Example> out) {
        RecordedTree tree = path.attempt().tree();
        String attempt = path.attempt().attempt();
        String problem = theorem.name();
        String context = theorem.statement();
        List<Integer> nodes = path.nodes();
        // A later state on the proof path is closer to the end than each of its ancestors.
        for (int j = 1; j < nodes.size(); j++) {
            String later = tree.nodes().get(nodes.get(j)).goals();
            for (int i = 0; i < j; i++) {
                String earlier = tree.nodes().get(nodes.get(i)).goals();
                if (!later.equals(earlier)) {
                    out.add(new Example.Preference(ExampleKind.CRITIC, problem, attempt, context, later, earlier));
                }
            }
        }
        // From each state of the path: the child on the proof over a sibling child that leads to no proof.
        for (int i = 0; i + 1 < nodes.size(); i++) {
            String onProof = tree.nodes().get(nodes.get(i + 1)).goals();
            Set<String> dead = new LinkedHashSet<>();
            for (EdgeRecord sibling : siblings(tree, nodes.get(i))) {
                if (sibling.kind() == EdgeKind.PROGRESS && !path.proved()[sibling.target()]) {
                    dead.add(tree.nodes().get(sibling.target()).goals());
                }
            }
            dead.remove(onProof);
            for (String d : dead) {
                out.add(new Example.Preference(ExampleKind.CRITIC, problem, attempt, context, onProof, d));
            }
        }
    }

    private static List<EdgeRecord> siblings(RecordedTree tree, int node) {
        return tree.edgesFrom(node);
    }
}
