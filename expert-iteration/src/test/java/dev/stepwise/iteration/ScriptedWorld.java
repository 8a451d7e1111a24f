package dev.stepwise.iteration;

import dev.stepwise.search.Theorem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deterministic stand-in for the application's searcher, history and serving: statement i of
 * the pool needs skill i % 10 to be proved; the base model has skill 3, and each trained
 * checkpoint has 3 plus three times the number of its round, but only once it has been loaded. A run
 * asked for again by name returns what it returned before (as the application resumes runs). The
 * wrong tactic each attempt samples first depends on the job's seed, as a sampling policy's draws do.
 */
final class ScriptedWorld implements RoundSearcher, ProblemHistory, ModelServing {
    private final Map<String, List<SearchedProblem>> runs = new LinkedHashMap<>();
    private final Map<String, Integer> loaded = new HashMap<>();
    final List<String> jobs = new ArrayList<>();
    /** Every job searched (not answered from a run before), by run name. */
    final Map<String, Job> searched = new LinkedHashMap<>();

    static List<Theorem> pool(int n) {
        List<Theorem> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Theorem("p" + i, "import Mathlib", "theorem p" + i + " : P" + i + " := by"));
        }
        return out;
    }

    private static int need(Theorem t) {
        return Integer.parseInt(t.name().substring(1)) % 10;
    }

    private int skill(String model) {
        if (model.equals("base")) {
            return 3;
        }
        Integer s = loaded.get(model);
        if (s == null) {
            throw new IllegalStateException("model " + model + " was never loaded into the server");
        }
        return s;
    }

    /** What the run of that name returned. */
    List<SearchedProblem> run(String runName) {
        return runs.get(runName);
    }

    @Override
    public List<SearchedProblem> search(Job job) {
        List<SearchedProblem> cached = runs.get(job.runName());
        if (cached != null) {
            return cached;
        }
        jobs.add(job.runName() + " " + job.model() + " " + job.problems().size());
        searched.put(job.runName(), job);
        int skill = job.purpose() == Purpose.PREPASS ? 1 : skill(job.model());
        List<SearchedProblem> out = new ArrayList<>();
        for (Theorem t : job.problems()) {
            out.add(new SearchedProblem(t, Difficulty.REGULAR, List.of(tree(t, need(t) < skill, job.seed()))));
        }
        runs.put(job.runName(), List.copyOf(out));
        return out;
    }

    private static SearchedAttempt tree(Theorem t, boolean proved, long seed) {
        Trees tree = Trees.attempt(t.name() + "#0", proved ? Verdict.ACCEPTED : Verdict.NO_PROOF, "⊢ " + t.name());
        tree.failWith(0, "wrong_" + t.name() + "_" + seed, -2.0, 2, "unknown identifier");
        int child = tree.progress(0, "intro_" + t.name(), -0.2 - need(t) * 0.1, 2, "⊢ " + t.name() + "'");
        if (proved) {
            tree.complete(child, "simp");
        } else {
            tree.failWith(child, "simp", -0.1, 1, "simp made no progress");
        }
        return tree.build();
    }

    @Override
    public Map<String, Past> of(java.util.Collection<Theorem> theorems) {
        Map<String, Past> out = new HashMap<>();
        runs.forEach((run, results) -> {
            if (run.contains("-evaluate-")) {
                return;
            }
            for (SearchedProblem p : results) {
                if (theorems.contains(p.theorem())) {
                    Past before = out.getOrDefault(p.theorem().name(), Past.NONE);
                    out.put(p.theorem().name(), new Past(before.attempts() + p.attempts().size(), before.solved() || p.proved()));
                }
            }
        });
        return out;
    }

    @Override
    public void load(Checkpoint checkpoint) {
        int round = Integer.parseInt(checkpoint.name().substring("stepwise-round-".length()));
        if (!java.nio.file.Files.isRegularFile(checkpoint.path().resolve("adapter.jsonl"))) {
            throw new IllegalStateException("no adapter in " + checkpoint.path());
        }
        loaded.put(checkpoint.name(), 3 + 3 * round);
    }
}
