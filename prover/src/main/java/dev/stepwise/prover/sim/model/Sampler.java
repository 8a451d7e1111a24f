package dev.stepwise.prover.sim.model;

import dev.stepwise.prover.sim.world.SimTactic;
import dev.stepwise.prover.sim.world.TacticText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The simulated model's distribution at one state and draws from it. Log-probabilities are
 * those of the untempered distribution (what vLLM reports by default), so one tactic always has
 * the same log-probability at one state, whatever the temperature or the draw.
 */
final class Sampler {

    /** One tactic the model may say, with its probability at temperature 1 and the thought it writes first when asked to think. */
    record Option(String tactic, double probability, String thought) {
        Option(String tactic, double probability) {
            this(tactic, probability, SimTactic.defaultThought(tactic));
        }
    }

    /** What a thought token costs: a thought is free text, less certain than the tactic it leads to. */
    private static final double THOUGHT_TOKEN_LOGPROB = -0.7;
    /** What a token of the fences around a thinking model's tactic costs: the format is all but certain. */
    private static final double FENCE_TOKEN_LOGPROB = -0.01;

    /** One sampled completion before the API shapes it. */
    record Draw(String text, List<String> tokens, List<Double> tokenLogprobs, List<Map<String, Double>> alternatives,
            String finishReason, String stopReason) {
    }

    private final List<Option> options;

    private Sampler(List<Option> options) {
        this.options = List.copyOf(options);
    }

    /** The distribution over a state's suggested tactics plus what adapters add. */
    static Sampler of(List<SimTactic> tactics, Map<String, Double> boosts) {
        Map<String, Double> weights = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        Map<String, String> thoughts = new LinkedHashMap<>();
        for (SimTactic t : tactics) {
            String key = TacticText.normalize(t.tactic());
            spelling.putIfAbsent(key, t.tactic());
            thoughts.putIfAbsent(key, t.thoughtOrDefault());
            weights.merge(key, t.weight(), Double::sum);
        }
        boosts.forEach((key, extra) -> {
            spelling.putIfAbsent(key, key);
            weights.merge(key, extra, Double::sum);
        });
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Option> options = new ArrayList<>();
        if (total > 0) {
            weights.forEach((key, w) -> {
                if (w > 0) {
                    options.add(new Option(spelling.get(key), w / total,
                            thoughts.getOrDefault(key, SimTactic.defaultThought(spelling.get(key)))));
                }
            });
        }
        return new Sampler(options);
    }

    /** Tactics a model says at a state it has never seen: all alike, none of them right. */
    static Sampler uniform(List<String> tactics) {
        return new Sampler(tactics.stream().map(t -> new Option(t, 1.0 / tactics.size())).toList());
    }

    List<Option> options() {
        return options;
    }

    /**
     * The log-probs of an echoed text, one per token ({@code null} for the first, as vLLM
     * answers): when the text ends with a tactic this state knows, that tactic's tokens share its
     * log-probability as a sampled draw's do; every other token gets {@code other}.
     */
    List<Double> echoLogprobs(String text, List<String> tokens, double other) {
        String trimmed = text.stripTrailing();
        Option known = options.stream().filter(o -> !o.tactic().isEmpty() && trimmed.endsWith(o.tactic()))
                .max(java.util.Comparator.comparingInt(o -> o.tactic().length())).orElse(null);
        int tacticFrom = known == null ? Integer.MAX_VALUE : trimmed.length() - known.tactic().length();
        double perToken = known == null ? 0 : Math.log(known.probability()) / Tokens.split(known.tactic()).size();
        List<Double> out = new ArrayList<>(tokens.size());
        int at = 0;
        for (String t : tokens) {
            // A token that reaches into the tactic counts with it, as the scorer counts a straddling token.
            boolean inTactic = at + t.length() > tacticFrom;
            out.add(out.isEmpty() ? null : inTactic ? Math.max(-9999.0, perToken) : other);
            at += t.length();
        }
        return out;
    }

    Draw draw(Random rng, double temperature, int maxTokens, List<String> stop, int topK) {
        return draw(rng, temperature, maxTokens, stop, topK, ReplyShape.TACTIC);
    }

    /**
     * One sampled reply in {@code shape}. The tactic's tokens share its log-probability whatever
     * the shape, so a thinking model's tactic, scored by its own tokens, ranks as the plain one does.
     */
    Draw draw(Random rng, double temperature, int maxTokens, List<String> stop, int topK, ReplyShape shape) {
        Option o = pick(rng, temperature);
        List<String> tacticTokens = Tokens.split(o.tactic());
        double perToken = Math.max(-9999.0, Math.log(o.probability()) / tacticTokens.size());
        List<String> all = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        if (shape == ReplyShape.THOUGHT_THEN_TACTIC) {
            for (String t : Tokens.split(o.thought())) {
                all.add(t);
                values.add(THOUGHT_TOKEN_LOGPROB);
            }
            for (String t : Tokens.split(ReplyShape.OPEN_FENCE)) {
                all.add(t);
                values.add(FENCE_TOKEN_LOGPROB);
            }
        }
        for (String t : tacticTokens) {
            all.add(t);
            values.add(perToken);
        }
        if (shape == ReplyShape.THOUGHT_THEN_TACTIC) {
            for (String t : Tokens.split(ReplyShape.CLOSE_FENCE)) {
                all.add(t);
                values.add(FENCE_TOKEN_LOGPROB);
            }
        }
        String text = String.join("", all);
        String stopReason = null;
        int cut = text.length();
        for (String s : stop) {
            int at = s.isEmpty() ? -1 : text.indexOf(s);
            if (at >= 0 && at < cut) {
                cut = at;
                stopReason = s;
            }
        }
        // The tokens before the stop string; one it cuts through keeps its part before the cut.
        List<String> tokens = new ArrayList<>();
        List<Double> lps = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < all.size() && at < cut; i++) {
            String t = all.get(i);
            String kept = at + t.length() <= cut ? t : t.substring(0, cut - at);
            tokens.add(kept);
            lps.add(values.get(i));
            at += t.length();
        }
        String finish = "stop";
        if (tokens.size() > maxTokens) {
            tokens = tokens.subList(0, maxTokens);
            lps = lps.subList(0, maxTokens);
            finish = "length";
            stopReason = null;
        }
        List<Map<String, Double>> alts = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            alts.add(i == 0 && shape == ReplyShape.TACTIC ? firstTokenAlternatives(o, topK) : Map.of());
        }
        return new Draw(String.join("", tokens), List.copyOf(tokens), List.copyOf(lps), alts, finish, stopReason);
    }

    private Map<String, Double> firstTokenAlternatives(Option sampled, int topK) {
        Map<String, Double> best = new LinkedHashMap<>();
        options.stream()
                .filter(o -> o != sampled)
                .sorted((a, b) -> Double.compare(b.probability(), a.probability()))
                .forEach(o -> {
                    List<String> t = Tokens.split(o.tactic());
                    best.merge(t.get(0), Math.log(o.probability()) / t.size(), Math::max);
                });
        Map<String, Double> out = new LinkedHashMap<>();
        best.entrySet().stream().limit(topK).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private Option pick(Random rng, double temperature) {
        if (temperature < 1e-6) {
            Option best = options.get(0);
            for (Option o : options) {
                if (o.probability() > best.probability()) {
                    best = o;
                }
            }
            return best;
        }
        double[] q = new double[options.size()];
        double sum = 0;
        for (int i = 0; i < q.length; i++) {
            q[i] = Math.exp(Math.log(options.get(i).probability()) / temperature);
            sum += q[i];
        }
        double r = rng.nextDouble() * sum;
        for (int i = 0; i < q.length; i++) {
            r -= q[i];
            if (r < 0) {
                return options.get(i);
            }
        }
        return options.get(q.length - 1);
    }
}
