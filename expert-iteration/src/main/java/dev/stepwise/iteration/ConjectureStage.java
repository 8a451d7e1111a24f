package dev.stepwise.iteration;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stepwise.search.Theorem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Self-play conjecturing (STP, docs/stp-conjecture-stage.md): for each statement the round proved
 * often enough, the conjecturer proposes new statements; those the gate's word filter refuses,
 * that Lean does not elaborate, or that repeat a pool statement or an earlier conjecture are
 * rejected; the rest are attempted several times with the round's search budget, one search per
 * attempt. Those proved at a success rate inside the band are kept: their (seed → conjecture)
 * pairs train the conjecturer; every proved conjecture's proof joins the prover's examples; the
 * unproved stay in the pool of later rounds. Off by default.
 */
final class ConjectureStage implements StageStep {
    /**
     * Conjectures are declared in a namespace of their own (a dotted name puts a Lean 4
     * declaration in that namespace), under names the stage generates, so a conjecture never
     * replaces or shadows a pool statement whatever name the model gave it.
     */
    static final String NAMESPACE = "StepwiseConjecture";
    /** Where a conjecture's attempts start sampling, past any seed the round's own search uses. */
    private static final long ATTEMPT_SEEDS = 500_000L;
    private static final Pattern DECL = Pattern.compile("^\\s*(?:theorem|lemma)\\s+(«[^»]*»|[^\\s(\\[{⦃:]+)");

    static boolean isConjecture(String name) {
        return name.startsWith(NAMESPACE + ".");
    }

    @Override
    public String run(RoundContext round) {
        Conjecturing c = round.services().conjecturing();
        if (!c.enabled()) {
            return "off (iterate.conjecture is false)";
        }
        ConjectureSettings s = c.settings();
        Conjecturer model = c.conjecturer();
        Map<String, String> known = new HashMap<>();
        for (Theorem t : round.pool()) {
            known.putIfAbsent(StatementKey.of(t.statement()), t.name());
        }
        for (Conjecture old : c.book().before(round.number())) {
            known.putIfAbsent(StatementKey.of(old.theorem().statement()), old.theorem().name());
        }
        record Seed(SearchedProblem problem, String attempt, String text) {
        }
        List<Seed> seeds = new ArrayList<>();
        for (SearchedProblem p : round.searchOutput().proved()) {
            long accepted = p.attempts().stream().filter(a -> a.verdict() == Verdict.ACCEPTED).count();
            if (accepted / (double) p.attempts().size() < s.seedRate()) {
                continue;
            }
            Harvester.best(p).ifPresent(path -> seeds.add(new Seed(p, path.attempt().attempt(),
                    p.theorem().statement().stripTrailing() + "\n  " + String.join("\n  ", path.tactics()))));
        }
        List<Conjecture> decided = new ArrayList<>();
        List<Conjecture> candidates = new ArrayList<>();
        int n = 0;
        proposing:
        for (int i = 0; i < seeds.size(); i++) {
            Seed seed = seeds.get(i);
            for (String proposed : model.propose(seed.text(), s.perSeed(), round.seed() + i)) {
                if (n == s.maxPerRound()) {
                    break proposing;
                }
                n++;
                Theorem t = new Theorem(NAMESPACE + ".r" + round.number() + "_c" + n, seed.problem().theorem().header(),
                        renamed(proposed, NAMESPACE + ".r" + round.number() + "_c" + n));
                String key = StatementKey.of(proposed);
                ConjectureVerdict verdict = null;
                String reason = "";
                Optional<String> refused = model.refuses(proposed);
                if (refused.isPresent()) {
                    verdict = ConjectureVerdict.REFUSED;
                    reason = refused.get();
                } else if (known.containsKey(key)) {
                    verdict = ConjectureVerdict.DUPLICATE;
                    reason = "the same statement as " + known.get(key);
                } else {
                    Optional<String> lean = c.lean().rejects(t);
                    if (lean.isPresent()) {
                        verdict = ConjectureVerdict.NOT_ELABORATING;
                        reason = lean.get();
                    }
                }
                known.putIfAbsent(key, t.name());
                Conjecture made = new Conjecture(round.number(), t, proposed, seed.problem().theorem().name(), seed.attempt(),
                        seed.text(), verdict == null ? ConjectureVerdict.UNPROVABLE : verdict, reason, 0, 0);
                (verdict == null ? candidates : decided).add(made);
            }
        }
        // One search per attempt, each with a seed of its own: a search stops at its first proof, so only
        // separate searches measure how often a conjecture is proved.
        Map<String, List<SearchedAttempt>> tries = new LinkedHashMap<>();
        Map<String, Integer> proved = new HashMap<>();
        List<Theorem> theorems = candidates.stream().map(Conjecture::theorem).toList();
        for (int a = 1; a <= s.attempts() && !theorems.isEmpty(); a++) {
            List<SearchedProblem> results = round.services().searcher().search(new RoundSearcher.Job(round.number(),
                    round.runName("conjecture-" + a), RoundSearcher.Purpose.CONJECTURE, round.currentModel(), theorems,
                    round.seed() + ATTEMPT_SEEDS + a));
            for (SearchedProblem p : results) {
                tries.computeIfAbsent(p.theorem().name(), k -> new ArrayList<>()).addAll(p.attempts());
                if (p.proved()) {
                    proved.merge(p.theorem().name(), 1, Integer::sum);
                }
            }
        }
        List<SearchedProblem> provedProblems = new ArrayList<>();
        List<Conjecture> attempted = new ArrayList<>();
        for (Conjecture x : candidates) {
            int ok = proved.getOrDefault(x.theorem().name(), 0);
            attempted.add(new Conjecture(x.round(), x.theorem(), x.proposed(), x.seedProblem(), x.seedAttempt(), x.seedProof(),
                    s.judge(ok, s.attempts()), "", s.attempts(), ok));
            if (ok > 0) {
                provedProblems.add(new SearchedProblem(x.theorem(), Difficulty.REGULAR, tries.get(x.theorem().name())));
            }
        }
        List<Conjecture> all = new ArrayList<>(decided);
        all.addAll(attempted);
        all.sort((x, y) -> Integer.compare(number(x), number(y)));
        Harvest harvest = new Harvester(round.services().renderer()).harvest(provedProblems);
        ConjectureOutput out = new ConjectureOutput(model.model(), seeds.size(), all, harvest);
        writePairs(round, model, all);
        c.book().record(round.number(), all);
        round.files().write(RoundFiles.CONJECTURE, out);
        return out.summary();
    }

    private static int number(Conjecture c) {
        String name = c.theorem().name();
        return Integer.parseInt(name.substring(name.lastIndexOf("_c") + 2));
    }

    /** The statement declared under the generated name (the model's own name is dropped). */
    static String renamed(String statement, String name) {
        Matcher m = DECL.matcher(statement);
        if (!m.find()) {
            return "theorem " + name + " " + statement.strip();
        }
        return statement.substring(0, m.start(1)) + name + statement.substring(m.end(1));
    }

    /** The conjecturer's training pairs: each kept conjecture after its seed's prompt, in {@code conjecture/conjecturer.jsonl}. */
    private static void writePairs(RoundContext round, Conjecturer model, List<Conjecture> all) {
        Path dir = round.files().path(RoundFiles.CONJECTURE_DIR);
        try {
            Files.createDirectories(dir);
            Exporter.writeAtomically(dir.resolve("conjecturer.jsonl"), w -> {
                for (Conjecture x : all) {
                    if (x.verdict() != ConjectureVerdict.KEPT) {
                        continue;
                    }
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("prompt", model.prompt(x.seedProof()));
                    line.put("completion", model.completion(x.proposed()));
                    line.put("conjecture", x.theorem().name());
                    line.put("seed", x.seedProblem());
                    line.put("success_rate", x.successRate());
                    try {
                        w.write(round.services().json().writeValueAsString(line));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("a training pair always serialises", e);
                    }
                    w.write('\n');
                }
            });
        } catch (IOException e) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "cannot write " + dir + ": " + e.getMessage(), e);
        }
    }
}
