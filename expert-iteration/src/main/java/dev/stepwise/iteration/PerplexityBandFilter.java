package dev.stepwise.iteration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores every SFT example's completion under the current model and keeps the middle band of
 * perplexity. Preference pairs pass untouched: their value is the contrast, not the tactic alone.
 * So do conversation examples (a whole-proof chat model's): the scorer scores a text through the
 * completions endpoint, and the text a conversation becomes is the server's chat template's, which
 * Stepwise never sees, so a score of the messages' JSON would rank nothing the model reads.
 * Ties in perplexity are broken by content hash so that the band is the same on every run.
 */
final class PerplexityBandFilter implements ExampleFilter {
    static final String TOO_EASY = "perplexity below the band";
    static final String TOO_NOISY = "perplexity above the band";

    private final TacticScorer scorer;
    private final String model;
    private final PerplexityBand band;

    PerplexityBandFilter(TacticScorer scorer, String model, PerplexityBand band) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.model = Objects.requireNonNull(model, "model");
        this.band = Objects.requireNonNull(band, "band");
    }

    @Override
    public Filtered apply(List<Example> examples) {
        List<Example.Sft> sft = examples.stream().filter(e -> e instanceof Example.Sft s && s.shape() == Example.PromptShape.TEXT)
                .map(e -> (Example.Sft) e).toList();
        if (sft.isEmpty()) {
            return Filtered.keepAll(examples);
        }
        List<TacticScorer.Score> scores = scorer.score(model, sft.stream()
                .map(e -> new TacticScorer.Request(e.prompt(), e.completion())).toList());
        if (scores.size() != sft.size()) {
            throw new IllegalStateException("the scorer answered " + scores.size() + " scores for " + sft.size() + " requests");
        }
        Map<String, Double> perplexity = new LinkedHashMap<>();
        record Scored(Example.Sft example, double perplexity) {
        }
        List<Scored> ranked = new ArrayList<>();
        for (int i = 0; i < sft.size(); i++) {
            double ppl = scores.get(i).perplexity();
            perplexity.put(sft.get(i).contentHash(), ppl);
            ranked.add(new Scored(sft.get(i), ppl));
        }
        ranked.sort(Comparator.comparingDouble(Scored::perplexity).thenComparing(s -> s.example().contentHash()));
        int n = ranked.size();
        int low = (int) Math.floor(n * band.dropLow());
        int high = (int) Math.floor(n * band.dropHigh());
        Map<Example, String> drop = new LinkedHashMap<>();
        for (int i = 0; i < low; i++) {
            drop.put(ranked.get(i).example(), TOO_EASY);
        }
        for (int i = n - high; i < n; i++) {
            drop.put(ranked.get(i).example(), TOO_NOISY);
        }
        List<Example> kept = new ArrayList<>();
        List<Filtered.Drop> dropped = new ArrayList<>();
        for (Example e : examples) {
            String reason = drop.get(e);
            if (reason == null) {
                kept.add(e);
            } else {
                dropped.add(new Filtered.Drop(e, reason));
            }
        }
        return new Filtered(kept, dropped, perplexity);
    }
}
