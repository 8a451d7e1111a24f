package dev.stepwise.iteration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.Theorem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fresh samples each round, the same draws for both models within one, and promotion only on evidence. */
class PromotionOnEvidenceTest {
    private static final PromotionRule DEFAULTS = new PromotionRule(0.0, 20, 0.95);

    @Test
    void aSignificantGainOnEnoughHeldOutStatementsPromotesAndRecordsItsFigures() {
        PromotionDecision d = DEFAULTS.decide(new HeldOutComparison(40, 12, 18, 6, 0));
        assertEquals(Promotion.PROMOTED, d.promotion());
        PromotionDecision.Evidence e = d.evidence();
        assertEquals(new HeldOutComparison(40, 12, 18, 6, 0), e.comparison());
        assertEquals(0.03125, e.pValue());
        assertEquals(0.95, e.confidence());
        assertEquals(20, e.minHeldOut());
        assertEquals(PromotionBasis.SUFFICIENT_GAIN, e.basis());
        assertEquals("promoted: candidate 18/40 (0.4500) vs current 12/40 (0.3000), candidate alone 6, current alone 0, exact McNemar"
                + " p=0.0313; gain +0.1500 beyond margin 0.0000, significant at confidence 0.95 (p <= 0.05)", d.reason());
        assertEquals("promoted (sufficient gain: 12 -> 18 of 40, b=6 c=0, p=0.0313)", RoundReport.decisionLine(d));
    }

    @Test
    void aGainTheTestCannotTellFromChanceKeepsTheCurrentModel() {
        // b=5, c=0: p = 2/32 = 0.0625 > 0.05; and b=7, c=1: p = 18/256 = 0.0703.
        for (HeldOutComparison c : List.of(new HeldOutComparison(40, 12, 17, 5, 0), new HeldOutComparison(40, 12, 18, 7, 1))) {
            PromotionDecision d = DEFAULTS.decide(c);
            assertEquals(Promotion.KEPT_CURRENT, d.promotion());
            assertEquals(PromotionBasis.NOT_SIGNIFICANT, d.evidence().basis());
            assertTrue(d.reason().endsWith("not significant at confidence 0.95 (p > 0.05)"), d.reason());
        }
        // The same gain passes a lower confidence.
        assertEquals(Promotion.PROMOTED, new PromotionRule(0.0, 20, 0.9).decide(new HeldOutComparison(40, 12, 17, 5, 0)).promotion());
    }

    @Test
    void aRegressionIsNeverPromotedWhateverTheTestSays() {
        // The current model alone solved ten: significant, but in the current model's favour.
        for (PromotionRule rule : List.of(DEFAULTS, new PromotionRule(0.0, 0, 0.0))) {
            PromotionDecision d = rule.decide(new HeldOutComparison(40, 20, 10, 0, 10));
            assertEquals(Promotion.KEPT_CURRENT, d.promotion());
            assertEquals(PromotionBasis.REGRESSION, d.evidence().basis());
            assertTrue(d.reason().startsWith("kept the current model: candidate 10/40"), d.reason());
        }
        // Many discordant pairs each way, one fewer for the candidate: still a regression, never a coin toss.
        assertEquals(PromotionBasis.REGRESSION, new PromotionRule(0.0, 0, 0.0).decide(new HeldOutComparison(100, 50, 49, 30, 31))
                .evidence().basis());
    }

    @Test
    void tooFewHeldOutStatementsKeepTheCurrentModelAndSaySo() {
        // All four held-out statements go to the candidate: p = 2/16, and no rule could make four enough.
        PromotionDecision d = DEFAULTS.decide(new HeldOutComparison(4, 0, 4, 4, 0));
        assertEquals(Promotion.KEPT_CURRENT, d.promotion());
        assertEquals(PromotionBasis.TOO_FEW_HELD_OUT, d.evidence().basis());
        assertTrue(d.reason().endsWith("; too few held-out: 4 statements, iterate.min-held-out is 20"), d.reason());
        assertEquals("kept-current (too few held-out: 0 -> 4 of 4, b=4 c=0, p=0.125)", RoundReport.decisionLine(d));
        // A decision recorded before the figures were kept still shows its pass rates.
        assertEquals("kept-current (0.500 -> 0.500)", RoundReport.decisionLine(new PromotionDecision(0.5, 0.5, 0.0,
                Promotion.KEPT_CURRENT, "old")));
    }

    @Test
    void aDecisionMustAgreeWithItsEvidence() {
        PromotionDecision d = DEFAULTS.decide(new HeldOutComparison(40, 12, 18, 6, 0));
        assertThrows(IllegalArgumentException.class, () -> new PromotionDecision(d.currentPassRate(), d.candidatePassRate(), 0.0,
                Promotion.KEPT_CURRENT, d.reason(), d.evidence()));
        assertThrows(IllegalArgumentException.class, () -> new HeldOutComparison(10, 3, 4, 3, 1));
        assertEquals(new HeldOutComparison(10, 3, 4, 2, 1), HeldOutComparison.of(10, List.of("a", "b", "c"), Set.of("a", "d", "e", "b")));
        assertThrows(IllegalArgumentException.class, () -> new PromotionRule(0.0, 20, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new PromotionRule(0.0, -1, 0.95));
    }

    @Test
    void aKeptModelSamplesAfreshNextRoundWhileBothModelsMeetTheSameDrawsWithinOne(@TempDir Path dir) {
        RoundRunnerTest.Setup s = new RoundRunnerTest.Setup(dir);
        // No candidate can pass a minimum of 1000 held-out statements: the base model stays in service.
        RoundSettings settings = RoundRunnerTest.settings(RoundRunnerTest.COPY_TRAINER, 100, new PromotionRule(0.0, 1000, 0.95));
        RoundRecord first = s.next(settings);
        RoundRecord second = s.next(settings);
        assertEquals(PromotionBasis.TOO_FEW_HELD_OUT, first.decision().evidence().basis());
        assertEquals("base", second.currentModel());

        Map<String, RoundSearcher.Job> jobs = s.world.searched;
        RoundSearcher.Job search1 = jobs.get("round-1-search");
        RoundSearcher.Job search2 = jobs.get("round-2-search");
        assertEquals("base", search1.model());
        assertEquals("base", search2.model());
        assertEquals(0L, search1.seed());
        assertEquals(RoundSettings.ROUND_SEED_STRIDE, search2.seed());
        // The statements round 1 could not prove are searched again in round 2, and sampled afresh.
        Set<String> again = search2.problems().stream().map(Theorem::name).collect(Collectors.toSet());
        List<String> both = search1.problems().stream().map(Theorem::name).filter(again::contains).toList();
        assertTrue(both.size() > 5, "too few statements searched in both rounds: " + both);
        for (String name : both) {
            assertNotEquals(tactics(s.world.run("round-1-search"), name), tactics(s.world.run("round-2-search"), name), name);
        }

        // Within a round, both evaluations search the same statements with the same seed (and so the same budget's draws).
        for (int n = 1; n <= 2; n++) {
            RoundSearcher.Job current = jobs.get("round-" + n + "-evaluate-current");
            RoundSearcher.Job candidate = jobs.get("round-" + n + "-evaluate-candidate");
            assertEquals(current.problems(), candidate.problems());
            assertEquals(current.seed(), candidate.seed());
            assertEquals(jobs.get("round-" + n + "-search").seed(), current.seed());
            assertNotEquals(current.model(), candidate.model());
        }
        assertEquals(List.of(0L, 0L, 0L, 0L), List.of(jobs.get("round-1-prepass").seed(), search1.seed(),
                jobs.get("round-1-evaluate-current").seed(), jobs.get("round-1-evaluate-candidate").seed()));
    }

    /** The tactics the attempts on one statement sampled. */
    private static List<String> tactics(List<SearchedProblem> run, String name) {
        return run.stream().filter(p -> p.theorem().name().equals(name)).flatMap(p -> p.attempts().stream())
                .flatMap(a -> a.tree().edges().stream()).map(EdgeRecord::tactic).toList();
    }

    @Test
    void aRoundOnTooSmallAPoolSaysSoWhenItSelectsAndKeepsTheCurrentModel(@TempDir Path dir) {
        RoundRunnerTest.Setup s = new RoundRunnerTest.Setup(dir);
        RoundRecord r = s.next(RoundRunnerTest.settings(RoundRunnerTest.COPY_TRAINER, 12, new PromotionRule(0.0, 30, 0.95)));
        int heldOut = r.decision().evidence().comparison().heldOut();
        assertTrue(heldOut < 30, "the scripted pool of 60 holds out " + heldOut);
        String select = r.stages().getFirst().summary();
        assertTrue(select.endsWith("; too few held-out (" + heldOut + " < iterate.min-held-out 30): the candidate will be kept out"
                + " of service"), select);
        assertEquals(Promotion.KEPT_CURRENT, r.decision().promotion());
        assertTrue(RoundReport.decisionLine(r.decision()).startsWith("kept-current (too few held-out: "),
                RoundReport.decisionLine(r.decision()));
        assertNull(r.error());
    }

    @Test
    void theDefaultRulePromotesTheScriptedWorldsFirstCandidateOnItsEvidence(@TempDir Path dir) throws Exception {
        RoundRunnerTest.Setup s = new RoundRunnerTest.Setup(dir);
        RoundRecord r = s.next(RoundRunnerTest.settings(RoundRunnerTest.COPY_TRAINER, 12, DEFAULTS));
        // The base model proves statements needing skill below 3, the first checkpoint below 6: it solves everything the
        // base model solves and a disjoint third more, well past the test.
        HeldOutComparison c = r.decision().evidence().comparison();
        assertEquals(0, c.currentOnly());
        assertEquals(c.candidateSolved() - c.currentSolved(), c.candidateOnly());
        assertTrue(c.heldOut() >= 20 && c.candidateOnly() >= 6, c.toString());
        assertEquals(Promotion.PROMOTED, r.decision().promotion());
        assertEquals(McNemar.pValue(c.candidateOnly(), 0), r.decision().evidence().pValue());
        String summary = java.nio.file.Files.readString(s.services.files(1).path(RoundFiles.SUMMARY));
        assertTrue(summary.contains("- promotion evidence: candidate alone " + c.candidateOnly() + " (b), current alone 0 (c), exact"
                + " McNemar p="), summary);
    }
}
