package dev.stepwise.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiltersTest {

    private static Example.Sft sft(String problem, String completion) {
        return new Example.Sft(problem, "a", problem + "|state:::", completion);
    }

    /** A scorer whose log-prob per token is read off the completion text: "c-3" scores -3 over one token. */
    private static final TacticScorer SCORER = (model, requests) -> requests.stream()
            .map(r -> new TacticScorer.Score(-Double.parseDouble(r.completion().substring(r.completion().indexOf('-') + 1)), 1))
            .toList();

    @Test
    void dedupDropsWhatEarlierRoundsKeptAndRepeatsWithinTheRound() {
        Example a = sft("p", "x");
        Example b = sft("p", "y");
        Example old = sft("q", "z");
        Filtered f = new DedupFilter(Set.of(old.contentHash())).apply(List.of(a, b, a, old));
        assertEquals(List.of(a, b), f.kept());
        assertEquals(List.of(new Filtered.Drop(a, DedupFilter.THIS_ROUND), new Filtered.Drop(old, DedupFilter.EARLIER_ROUND)),
                f.dropped());
    }

    @Test
    void easyProblemsAreKeptOutOfTraining() {
        Example easy = sft("easy", "x");
        Example hard = sft("hard", "x");
        Example pair = new Example.Preference(ExampleKind.DPO, "easy", "a", "p", "good", "bad");
        Filtered f = new EasyProblemFilter(Set.of("easy")).apply(List.of(easy, hard, pair));
        assertEquals(List.of(hard), f.kept());
        assertEquals(2, f.dropped().size());
        assertEquals(EasyProblemFilter.REASON, f.dropped().get(0).reason());
    }

    @Test
    void perplexityBandKeepsTheMiddleAndLeavesPairsAlone() {
        List<Example> in = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            in.add(sft("p" + i, "c-" + (i / 10.0)));
        }
        Example pair = new Example.Preference(ExampleKind.DPO, "p1", "a", "p", "good", "bad");
        in.add(3, pair);
        Filtered f = new PerplexityBandFilter(SCORER, "m", new PerplexityBand(0.2, 0.1)).apply(in);
        // Ten scored examples: the two least perplexing (c-0.1, c-0.2) and the most perplexing (c-1.0) go.
        List<String> kept = f.kept().stream().map(e -> e instanceof Example.Sft s ? s.completion() : "pair").toList();
        assertEquals(List.of("c-0.3", "pair", "c-0.4", "c-0.5", "c-0.6", "c-0.7", "c-0.8", "c-0.9"), kept);
        assertEquals(Map.of("c-0.1", PerplexityBandFilter.TOO_EASY, "c-0.2", PerplexityBandFilter.TOO_EASY,
                "c-1.0", PerplexityBandFilter.TOO_NOISY), f.dropped().stream()
                .collect(java.util.stream.Collectors.toMap(d -> ((Example.Sft) d.example()).completion(), Filtered.Drop::reason)));
        assertEquals(Math.exp(0.5), f.perplexities().get(in.get(5).contentHash()), 1e-12);
        assertEquals(10, f.perplexities().size());
    }

    @Test
    void chainRecordsEveryDropWithItsReason() {
        Example easy = sft("easy", "c-0.5");
        Example a = sft("p", "c-0.5");
        ExampleFilter chain = ExampleFilter.chain(List.of(new EasyProblemFilter(Set.of("easy")), new DedupFilter(Set.of()),
                new PerplexityBandFilter(SCORER, "m", PerplexityBand.keepAll())));
        Filtered f = chain.apply(List.of(easy, a, a));
        assertEquals(List.of(a), f.kept());
        assertEquals("kept 1, dropped 2; easy problem (solved by the pre-pass): 1; duplicate within the round: 1", f.summary());
    }

    @Test
    void bandsThatDropEverythingAreRefusedNamingTheKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PerplexityBand(0.6, 0.4));
        assertEquals("iterate.perplexity-drop-low + iterate.perplexity-drop-high must be < 1, got 1.0", e.getMessage());
    }
}
