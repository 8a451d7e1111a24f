package dev.stepwise.prover.sim.model;

import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldConjecture;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated model as a conjecturer (STP's conjecture prompt: {@code <easy theorem>}, the seed's
 * statement and proof, then {@code <hard theorem>}): it finds the world theorem whose statement
 * (after its name) the easy theorem shows, and answers one of that theorem's conjectures, drawn by
 * weight, as STP's model writes one: the declaration after the prompt's {@code theorem} keyword,
 * without {@code := by}, then {@code </hard theorem>} (kfdong/STP's paper, appendix A.1, shows
 * such an output). A seed the world gives no conjectures gets a statement the world does not hold,
 * which does not elaborate.
 */
final class ConjectureReplies {
    private static final String EASY = "<easy theorem>";
    private static final String HARD = "<hard theorem>";
    private static final String END = "</hard theorem>";
    private static final Pattern DECL = Pattern.compile("^\\s*(?:theorem|lemma)\\s+(«[^»]*»|[^\\s(\\[{⦃:]+)");
    /** The answer to a seed the world gives no conjectures: no world theorem states it. */
    private static final String NONE = " stepwise_sim_no_conjecture : False";

    private final World world;

    ConjectureReplies(World world) {
        this.world = world;
    }

    static boolean asked(String prompt) {
        int easy = prompt.indexOf(EASY);
        return easy >= 0 && prompt.indexOf(HARD, easy) > easy;
    }

    /** The {@code n} replies of one request, each cut by {@code max_tokens} and the stop strings as a sampled one is. */
    List<Sampler.Draw> answer(String prompt, Random rng, int n, int maxTokens, List<String> stop) {
        return replies(prompt, rng, n).stream().map(r -> RetrospectiveThoughts.draw(r + END, maxTokens, stop)).toList();
    }

    /**
     * The {@code n} conjectures of one request: drawn by weight without replacement while the seed's
     * conjectures last (so a request for as many as the world lists gets each once), then with it.
     */
    List<String> replies(String prompt, Random rng, int n) {
        int from = prompt.indexOf(EASY) + EASY.length();
        String easy = StateLocator.normalize(prompt.substring(from, prompt.indexOf(HARD, from)));
        WorldTheorem seed = null;
        int best = -1;
        for (WorldTheorem t : world.theorems()) {
            String type = StateLocator.normalize(afterName(t.statement()));
            if (type.length() > best && easy.contains(type) && !world.conjecturesOf(t.name()).isEmpty()) {
                seed = t;
                best = type.length();
            }
        }
        List<String> out = new ArrayList<>();
        if (seed == null) {
            while (out.size() < n) {
                out.add(NONE);
            }
            return out;
        }
        List<WorldConjecture> all = world.conjecturesOf(seed.name());
        List<WorldConjecture> left = new ArrayList<>(all);
        while (out.size() < n) {
            if (left.isEmpty()) {
                left.addAll(all);
            }
            double total = left.stream().mapToDouble(WorldConjecture::weight).sum();
            double x = rng.nextDouble() * total;
            WorldConjecture chosen = left.getLast();
            for (WorldConjecture c : left) {
                x -= c.weight();
                if (x < 0) {
                    chosen = c;
                    break;
                }
            }
            left.remove(chosen);
            out.add(text(chosen));
        }
        return out;
    }

    private static String text(WorldConjecture chosen) {
        String statement = chosen.statement().stripTrailing();
        statement = statement.substring(0, statement.length() - ":= by".length()).stripTrailing();
        Matcher m = DECL.matcher(statement);
        return m.find() ? " " + statement.substring(m.start(1)) : " " + statement.strip();
    }

    private static String afterName(String statement) {
        Matcher m = DECL.matcher(statement);
        return m.find() ? statement.substring(m.end(1)) : statement;
    }
}
