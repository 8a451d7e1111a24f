package dev.stepwise.search;

import static dev.stepwise.search.World.done;
import static dev.stepwise.search.World.error;
import static dev.stepwise.search.World.move;
import static dev.stepwise.search.World.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SearchTest {

    static final SearchConfig BASE = new SearchConfig(4, 0.0, ScoreMode.SUM, 1.0, Budgets.unlimited(),
            ForbiddenTactics.bfsProverV2(), CriticMode.POLICY_ONLY, 1.0);

    /** Runs a search step by step, re-verifying the whole tree after every step. */
    static SearchResult runChecked(Search search, SearchConfig config) {
        SearchOutcome outcome = search.begin();
        while (outcome == null) {
            outcome = search.step();
            search.tree().checkInvariants(search.frontierNodes(), config);
        }
        return search.finish(outcome);
    }

    static SearchResult run(World world, SearchConfig config) {
        return runChecked(Search.create(World.THEOREM, config, 42, world.services()), config);
    }

    static FailureReason failure(SearchResult r) {
        return r.failure().orElseThrow(() -> new AssertionError("expected a failure, got " + r.outcome()));
    }

    @Test
    void findsTheShortestProofThroughAMergedState() {
        World world = World.of("⊢ root", Map.of(
                "⊢ root", List.of(move("a", -0.1, next("⊢ s1")), move("b", -1.0, next("⊢ s4"))),
                "⊢ s1", List.of(move("c", -0.1, next("⊢ s3"))),
                "⊢ s3", List.of(move("d", -2.0, next("⊢ x"))),
                "⊢ s4", List.of(move("f", -0.1, next("⊢ x"))),
                "⊢ x", List.of(move("e", -0.1, done()))));
        SearchResult r = run(world, BASE);

        Proof proof = r.proof().orElseThrow();
        assertEquals(List.of("b", "f", "e"), proof.tactics());
        assertEquals(List.of("⊢ root", "⊢ s4", "⊢ x"), proof.steps().stream().map(ProofStep::stateBefore).toList());
        // x was first reached through the long path (s3 is expanded before s4), then merged.
        assertEquals(List.of("⊢ root", "⊢ s1", "⊢ s4", "⊢ s3", "⊢ x"),
                r.tree().nodes().stream().map(NodeRecord::goals).toList());
        assertEquals(3, r.tree().nodes().get(4).depth());
        assertEquals(2, r.tree().edges().stream().filter(e -> e.target() == 4).count());
        assertEquals(List.of("b", "f", "e"), r.tree().proofPath().stream().map(EdgeRecord::tactic).toList());
        assertEquals(3, r.tree().nodes().get(0).distanceToProof());
        assertEquals(5, r.expansions());
        assertEquals(5, r.nodes());
    }

    @Test
    void theRecordedTreeIsAnImmutableValueEqualToItsPlainCopy() {
        World world = World.of("⊢ root", Map.of(
                "⊢ root", List.of(move("a", -0.1, next("⊢ s1")), move("b", -1.0, error("no")), move("c", -0.2, next("⊢ s1"))),
                "⊢ s1", List.of(move("d", -0.1, done()))));
        RecordedTree tree = run(world, BASE).tree();
        RecordedTree plain = new RecordedTree(new ArrayList<>(tree.nodes()), new ArrayList<>(tree.edges()));

        assertEquals(plain, tree);
        assertEquals(tree, plain);
        assertEquals(plain.hashCode(), tree.hashCode());
        assertEquals(List.of("a", "c", "b", "d"), tree.edges().stream().map(EdgeRecord::tactic).toList());
        assertEquals(List.of(EdgeKind.PROGRESS, EdgeKind.PROGRESS, EdgeKind.LEAN_ERROR, EdgeKind.PROOF_COMPLETE),
                tree.edges().stream().map(EdgeRecord::kind).toList());
        assertEquals(List.of(0, 0, 0, 1), tree.edges().stream().map(EdgeRecord::source).toList());
        assertEquals("no", tree.edges().get(2).message());
        assertEquals(-0.2, tree.edges().get(1).score());
        assertEquals(List.of(Status.PROVED, Status.PROVED), tree.nodes().stream().map(NodeRecord::status).toList());
        assertThrows(UnsupportedOperationException.class, () -> tree.nodes().add(tree.nodes().get(0)));
        assertThrows(UnsupportedOperationException.class, () -> tree.edges().remove(0));
    }

    @Test
    void eachEdgeKeepsTheThoughtItsTacticCameWithAndTheScoreIgnoresIt() {
        World world = World.of("⊢ root", Map.of(
                "⊢ root", List.of(World.thinking("Split the goal first.", "  constructor ", -0.3, next("⊢ s1")),
                        move("b", -1.0, error("no")), World.thinking("A second try at the same.", "constructor", -0.1, next("⊢ s1"))),
                "⊢ s1", List.of(World.thinking("Now it is linear.", "linarith", -0.2, done()))));
        RecordedTree tree = run(world, BASE).tree();

        assertEquals(List.of("constructor", "b", "linarith"), tree.edges().stream().map(EdgeRecord::tactic).toList());
        // The stripped tactic keeps its thought; the duplicate's thought is dropped with it; a thoughtless edge has "".
        assertEquals(List.of("Split the goal first.", "", "Now it is linear."),
                tree.edges().stream().map(EdgeRecord::thought).toList());
        assertEquals(-0.3, tree.edges().get(0).score());
        assertEquals(tree, new RecordedTree(new ArrayList<>(tree.nodes()), new ArrayList<>(tree.edges())));
    }

    /** Right path of depth 10 at -0.5 per step; every state also offers decoys at -0.6 that branch forever. */
    static World deepNarrow() {
        return new World("⊢ p0", goals -> {
            if (goals.startsWith("⊢ p")) {
                int k = Integer.parseInt(goals.substring(3));
                return List.of(move("right", -0.5, k == 9 ? done() : next("⊢ p" + (k + 1))),
                        move("decoy", -0.6, next("⊢ d" + k + ".")));
            }
            return List.of(move("left", -0.6, next(goals + "0")), move("right", -0.6, next(goals + "1")));
        });
    }

    /** A two-step proof behind an unlikely first tactic (-3), next to a likely chain (-0.1 per step) that never ends. */
    static World shallowWide() {
        return new World("⊢ root", goals -> switch (goals) {
            case "⊢ root" -> List.of(move("unlikely", -3.0, next("⊢ s")), move("likely", -0.1, next("⊢ c1")));
            case "⊢ s" -> List.of(move("finish", -0.1, done()));
            default -> List.of(move("more", -0.1, next("⊢ c" + (Integer.parseInt(goals.substring(3)) + 1))));
        });
    }

    @Test
    void alphaOneGoesDeepWhereAlphaZeroRunsOutOfBudget() {
        SearchConfig config = BASE.withBudgets(Budgets.unlimited().withMaxExpansions(60));
        SearchResult cumulative = run(deepNarrow(), config.withAlpha(0.0));
        SearchResult mean = run(deepNarrow(), config.withAlpha(1.0));

        assertEquals(FailureReason.BUDGET_EXPANSIONS, failure(cumulative));
        assertEquals(60, cumulative.expansions());
        assertEquals(10, mean.proof().orElseThrow().length());
        assertEquals(10, mean.expansions());
    }

    @Test
    void alphaZeroFindsTheShallowProofWhereAlphaOneFollowsTheLikelyChain() {
        SearchConfig config = BASE.withBudgets(Budgets.unlimited().withMaxExpansions(60));
        SearchResult cumulative = run(shallowWide(), config.withAlpha(0.0));
        SearchResult mean = run(shallowWide(), config.withAlpha(1.0));

        assertEquals(List.of("unlikely", "finish"), cumulative.proof().orElseThrow().tactics());
        assertTrue(cumulative.expansions() < 60, "expansions " + cumulative.expansions());
        assertEquals(FailureReason.BUDGET_EXPANSIONS, failure(mean));
        assertEquals(62, mean.nodes()); // root, s and 60 chain states: every later expansion went down the chain
        assertEquals(NodeRecord.NOT_EXPANDED, mean.tree().nodes().stream().filter(n -> n.goals().equals("⊢ s"))
                .findFirst().orElseThrow().expansionOrder());
    }

    @Test
    void statesWithTheSameGoalsMergeAndDuplicateCandidatesAreDropped() {
        World world = World.of("⊢ root", Map.of(
                "⊢ root", List.of(move("t1", -0.1, next("x : ℕ\n⊢  x  +  0 = x ")), move(" t1 ", -0.1, next("⊢ other")),
                        move("t2", -0.2, next("x : ℕ\n⊢ x + 0 = x")), move("t1", -0.3, next("⊢ other"))),
                "x : ℕ\n⊢  x  +  0 = x ", List.of(move("back", -0.1, next("⊢ root")), move("bad", -0.1, error("no")))));
        SearchResult r = run(world, BASE);

        assertEquals(FailureReason.FRONTIER_EXHAUSTED, failure(r));
        assertEquals(2, r.nodes());
        assertEquals(2, r.duplicateCandidates());
        assertEquals(List.of("t1", "t2", "back", "bad"), world.applied);
        assertEquals(2, world.requests.size()); // the merged state was expanded once
        NodeRecord merged = r.tree().nodes().get(1);
        assertEquals("x : ℕ\n⊢  x  +  0 = x ", merged.goals()); // the text as first seen, stored once
        assertEquals(2, r.tree().edges().stream().filter(e -> e.target() == 1).count());
        EdgeRecord back = r.tree().edgesFrom(1).get(0);
        assertEquals(EdgeKind.CYCLE, back.kind());
        assertEquals("leads back to the state of node 0", back.message());
        assertEquals(Status.FAILED, r.tree().nodes().get(0).status());
    }

    @Test
    void forbiddenCandidatesNeverReachTheEnvironment() {
        // The released BFS-Prover-V2 filter: valid patterns with a bare _ pass; ?_ with rcases/cases'/simpa and
        // simpa with " _", "_ ", "_," or ",_" do not.
        List<String> suggested = List.of("sorry", "exact foo", "admit", "native_decide", "rcases h with ⟨x, ?_⟩",
                "simpa using ?_", "cases' h with ?_ h2", "simpa using h _", "simpa [foo,_bar]", "simpa using h",
                "rcases h with ⟨x, _⟩", "cases' h with _ h", "refine ⟨?_, ?_⟩", "exact h_1");
        World world = new World("⊢ root", goals -> goals.equals("⊢ root")
                ? suggested.stream().map(t -> move(t, -0.1, error("nope"))).toList() : List.of());
        SearchResult r = run(world, BASE.withWidth(16));

        assertEquals(List.of("exact foo", "simpa using h", "rcases h with ⟨x, _⟩", "cases' h with _ h", "refine ⟨?_, ?_⟩",
                "exact h_1"), world.applied);
        assertEquals(8, r.filteredCandidates());
        List<String> reasons = r.tree().edges().stream().filter(e -> e.kind() == EdgeKind.FILTERED)
                .map(e -> e.tactic() + ": " + e.message()).toList();
        assertEquals(List.of("sorry: contains 'sorry'", "admit: contains 'admit'",
                "native_decide: contains 'native_decide'", "rcases h with ⟨x, ?_⟩: rcases, cases' or simpa with ?_",
                "simpa using ?_: rcases, cases' or simpa with ?_", "cases' h with ?_ h2: rcases, cases' or simpa with ?_",
                "simpa using h _: simpa with a placeholder _", "simpa [foo,_bar]: simpa with a placeholder _"),
                reasons);
    }

    /** Every state has three fresh children: the search never runs out on its own. */
    static World endless() {
        World w = new World("⊢ n", goals -> List.of(move("a", -0.1, next(goals + "a")), move("b", -0.2, next(goals + "b")),
                move("c", -0.3, next(goals + "c"))));
        w.promptTokensPerRequest = 7;
        w.completionTokensPerRequest = 3;
        return w;
    }

    @Test
    void expansionBudgetIsExact() {
        World w = endless();
        SearchResult r = run(w, BASE.withBudgets(Budgets.unlimited().withMaxExpansions(5)));
        assertEquals(FailureReason.BUDGET_EXPANSIONS, failure(r));
        assertEquals(5, w.requests.size());
        assertEquals(5, r.expansions());
        assertEquals(15, w.applied.size());
    }

    @Test
    void tacticBudgetIsExactEvenInTheMiddleOfAnExpansion() {
        World w = endless();
        SearchResult r = run(w, BASE.withBudgets(Budgets.unlimited().withMaxTactics(7)));
        assertEquals(FailureReason.BUDGET_TACTICS, failure(r));
        assertEquals(7, w.applied.size());
        assertEquals(7, r.tacticApplications());
        assertEquals(3, w.requests.size());
        assertEquals(1, r.tree().edgesFrom(r.tree().nodes().stream().filter(n -> n.expansionOrder() == 2)
                .findFirst().orElseThrow().id()).size());
    }

    @Test
    void tokenBudgetStopsAtTheFirstRequestThatReachesIt() {
        World w = endless();
        SearchResult r = run(w, BASE.withBudgets(Budgets.unlimited().withMaxTokens(35)));
        assertEquals(FailureReason.BUDGET_TOKENS, failure(r));
        assertEquals(4, w.requests.size());
        assertEquals(28, r.promptTokens());
        assertEquals(12, r.completionTokens());
    }

    @Test
    void timeBudgetIsExactOnAnInjectedClock() {
        World w = endless();
        AtomicLong now = new AtomicLong(1_000);
        w.onApply = () -> now.addAndGet(Duration.ofSeconds(1).toNanos());
        SearchConfig config = BASE.withBudgets(Budgets.unlimited().withMaxTime(Duration.ofSeconds(5)));
        SearchResult r = runChecked(Search.create(World.THEOREM, config, 1, w.services().withClock(now::get)), config);
        assertEquals(FailureReason.BUDGET_TIME, failure(r));
        assertEquals(5, w.applied.size());
        assertEquals(Duration.ofSeconds(5), r.environmentTime());
        assertEquals(Duration.ofSeconds(5), r.totalTime());
    }

    @Test
    void aProofFoundByTheLastAllowedTacticCounts() {
        World w = World.of("⊢ root", Map.of("⊢ root", List.of(move("x1", -0.1, error("e1")), move("x2", -0.2, error("e2")),
                move("x3", -0.3, done()))));
        SearchResult proved = run(w, BASE.withBudgets(Budgets.unlimited().withMaxTactics(3).withMaxExpansions(1)));
        assertEquals(List.of("x3"), proved.proof().orElseThrow().tactics());

        SearchResult short1 = run(w, BASE.withBudgets(Budgets.unlimited().withMaxTactics(2)));
        assertEquals(FailureReason.BUDGET_TACTICS, failure(short1));
    }

    @Test
    void timeoutsCrashesAndRefusalsAreRecordedAndTheSearchGoesOn() {
        World w = World.of("⊢ root", Map.of(
                "⊢ root", List.of(move("slow", -0.1, new World.TimedOut()), move("boom", -0.2, new World.Crash()),
                        move("refused", -0.3, new World.Refused()), move("wrong", -0.4, error("unknown identifier 'foo'")),
                        move("good", -0.5, next("⊢ next"))),
                "⊢ next", List.of(move("close", -0.1, done()))));
        SearchResult r = run(w, BASE.withWidth(8));

        assertEquals(List.of("good", "close"), r.proof().orElseThrow().tactics());
        List<String> root = r.tree().edgesFrom(0).stream().map(e -> e.kind() + " " + e.message()).toList();
        assertEquals(List.of("TIMEOUT timed out after PT18S", "CRASHED REPL exited with 137 (killed: out of memory)",
                "REJECTED forbidden by the environment", "LEAN_ERROR unknown identifier 'foo'", "PROGRESS "), root);
        assertEquals(6, r.tacticApplications());
    }

    @Test
    void aRejectedProofBecomesAFailedEdgeAndTheSearchGoesOn() {
        World w = World.of("⊢ root", Map.of(
                "⊢ root", List.of(move("cheat", -0.01, done()), move("step", -1.0, next("⊢ s"))),
                "⊢ s", List.of(move("finish", -0.1, done()))));
        ProofAcceptor noCheating = (theorem, proof) -> proof.tactics().contains("cheat")
                ? new AcceptanceVerdict.Rejected("axiom audit: uses sorryAx") : AcceptanceVerdict.ACCEPTED;
        SearchResult r = runChecked(Search.create(World.THEOREM, BASE, 1, w.services().withAcceptor(noCheating)), BASE);

        assertEquals(List.of("step", "finish"), r.proof().orElseThrow().tactics());
        EdgeRecord cheat = r.tree().edgesFrom(0).get(0);
        assertEquals(EdgeKind.PROOF_REJECTED, cheat.kind());
        assertEquals("axiom audit: uses sorryAx", cheat.message());

        SearchResult none = runChecked(Search.create(World.THEOREM, BASE, 1, w.services()
                .withAcceptor((t, p) -> new AcceptanceVerdict.Rejected("no"))), BASE);
        assertEquals(FailureReason.FRONTIER_EXHAUSTED, failure(none));
        assertEquals(Status.FAILED, none.tree().nodes().get(0).status());
    }

    @Test
    void theProvedOutcomeCarriesTheAcceptorsVerdictOnTheProofItKept() {
        World w = World.of("⊢ root", Map.of(
                "⊢ root", List.of(move("cheat", -0.01, done()), move("step", -1.0, next("⊢ s"))),
                "⊢ s", List.of(move("finish", -0.1, done()))));
        AcceptanceVerdict.Accepted audited = new AcceptanceVerdict.Accepted(List.of(), List.of("propext", "Quot.sound"),
                Duration.ofMillis(650));
        ProofAcceptor gate = (theorem, proof) -> proof.tactics().contains("cheat")
                ? new AcceptanceVerdict.Rejected("axiom audit: uses sorryAx") : audited;
        SearchResult r = runChecked(Search.create(World.THEOREM, BASE, 1, w.services().withAcceptor(gate)), BASE);

        SearchOutcome.Proved proved = assertInstanceOf(SearchOutcome.Proved.class, r.outcome());
        assertEquals(List.of("step", "finish"), proved.proof().tactics());
        assertSame(audited, proved.acceptance(), "the verdict of the proof kept, not of the one rejected before it");
    }

    @Test
    void aSearchThatLostStepsToLeanFaultsIsNeverAFinalNo() {
        World w = World.of("⊢ root", Map.of(
                "⊢ root", List.of(move("boom", -0.1, new World.Crash()), move("wrong", -0.2, error("no"))),
                "⊢ s", List.of(move("finish", -0.1, done()))));
        SearchResult exhausted = run(w, BASE);
        assertEquals(FailureReason.LEAN_FAULTS, failure(exhausted));
        assertEquals("1 step(s) got no answer from Lean (last: REPL exited with 137 (killed: out of memory)), then "
                + "frontier exhausted: every reachable state was expanded",
                ((SearchOutcome.Failed) exhausted.outcome()).detail());

        World endless = new World("⊢ c0", goals -> List.of(move("boom", -0.1, new World.Crash()),
                move("more", -0.2, next(goals + "0"))));
        SearchResult budget = run(endless, BASE.withBudgets(Budgets.unlimited().withMaxExpansions(3)));
        assertEquals(FailureReason.LEAN_FAULTS, failure(budget));
        assertTrue(((SearchOutcome.Failed) budget.outcome()).detail().endsWith("budget expansions: 3 expansions"),
                budget.outcome().toString());

        // A tactic past the deadline on a fresh process too is that tactic's failure (as LeanDojo answers
        // it), not a fault: the search ends with its own reason and says how many tactics timed out.
        World slow = World.of("⊢ root", Map.of("⊢ root", List.of(move("slow", -0.1, new World.TimedOut()),
                move("wrong", -0.2, error("no")))));
        SearchResult timedOut = run(slow, BASE);
        assertEquals(FailureReason.FRONTIER_EXHAUSTED, failure(timedOut));
        assertEquals("every reachable state was expanded (1 tactic timed out, on a fresh process too: counted as failed"
                + " tactics)", ((SearchOutcome.Failed) timedOut.outcome()).detail());
        assertEquals(EdgeKind.TIMEOUT, timedOut.tree().edgesFrom(0).get(0).kind());
        // With a fault as well, the fault decides, and the count of timeouts stays in the detail.
        World both = World.of("⊢ root", Map.of("⊢ root", List.of(move("slow", -0.1, new World.TimedOut()),
                move("boom", -0.2, new World.Crash()))));
        SearchResult faulted = run(both, BASE);
        assertEquals(FailureReason.LEAN_FAULTS, failure(faulted));
        assertTrue(((SearchOutcome.Failed) faulted.outcome()).detail().endsWith(
                "(1 tactic timed out, on a fresh process too: counted as failed tactics)"), faulted.outcome().toString());

        // Lean's own no (errors, forbidden text) stays a final no.
        World honest = World.of("⊢ root", Map.of("⊢ root", List.of(move("refused", -0.1, new World.Refused()),
                move("wrong", -0.2, error("no")))));
        assertEquals(FailureReason.FRONTIER_EXHAUSTED, failure(run(honest, BASE)));
    }

    @Test
    void aProofLeanCouldNotCheckIsAFaultNotARejection() {
        World w = World.of("⊢ root", Map.of(
                "⊢ root", List.of(move("close", -0.1, done()), move("step", -1.0, next("⊢ s"))),
                "⊢ s", List.of(move("finish", -0.1, done()))));
        ProofAcceptor flaky = (theorem, proof) -> proof.tactics().contains("close")
                ? new AcceptanceVerdict.Unchecked("Lean crashed while checking") : AcceptanceVerdict.ACCEPTED;
        SearchResult r = runChecked(Search.create(World.THEOREM, BASE, 1, w.services().withAcceptor(flaky)), BASE);
        assertEquals(List.of("step", "finish"), r.proof().orElseThrow().tactics());
        EdgeRecord unchecked = r.tree().edgesFrom(0).get(0);
        assertEquals(EdgeKind.CRASHED, unchecked.kind());
        assertEquals("the acceptance check could not get an answer from Lean: Lean crashed while checking",
                unchecked.message());

        SearchResult none = runChecked(Search.create(World.THEOREM, BASE, 1, w.services()
                .withAcceptor((t, p) -> new AcceptanceVerdict.Unchecked("timed out"))), BASE);
        assertEquals(FailureReason.LEAN_FAULTS, failure(none));
    }

    @Test
    void aTheoremThatDoesNotStartIsAnEnvironmentFailure() {
        World w = endless();
        ProofEnvironment broken = new ProofEnvironment() {
            @Override
            public StartOutcome start(Theorem theorem) {
                return new StartOutcome.Failed("unknown identifier 'Nat.foo'");
            }

            @Override
            public TacticOutcome apply(Theorem theorem, ProofState state, List<String> proofBefore, String tactic) {
                throw new AssertionError("never applied");
            }
        };
        SearchResult r = Search.create(World.THEOREM, BASE, 1, w.services().withEnvironment(broken)).run();
        assertEquals(new SearchOutcome.Failed(FailureReason.ENVIRONMENT_FAILURE, "unknown identifier 'Nat.foo'"), r.outcome());
        assertEquals(RecordedTree.empty(), r.tree());
    }

    @Test
    void anUnavailablePolicyEndsTheAttemptAndLeavesTheStateOpen() {
        World w = endless();
        TacticPolicy down = request -> CompletableFuture.failedFuture(new PolicyUnavailableException("server at 127.0.0.1:1 refused"));
        Search s = Search.create(World.THEOREM, BASE, 1, w.services().withPolicy(down));
        SearchResult r = runChecked(s, BASE);
        assertEquals(new SearchOutcome.Failed(FailureReason.POLICY_UNAVAILABLE, "server at 127.0.0.1:1 refused"), r.outcome());
        assertEquals(1, s.frontierNodes().size());
        assertEquals(NodeRecord.NOT_EXPANDED, r.tree().nodes().get(0).expansionOrder());
    }

    @Test
    void eachNodeRecordsWhenItWasExpandedAndHowLongThePolicyTookForIt() {
        // The policy takes (k + 1) ms at its k-th request; it refuses the fourth, which ends the attempt.
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        World w = endless();
        AtomicLong asked = new AtomicLong();
        TacticPolicy timed = request -> {
            long k = asked.getAndIncrement();
            now.addAndGet((k + 1) * 1_000_000);
            return k == 3 ? CompletableFuture.failedFuture(new PolicyUnavailableException("gone"))
                    : w.policy().suggest(request);
        };
        SearchResult r = runChecked(Search.create(World.THEOREM, BASE, 1, w.services().withPolicy(timed).withClock(now::get)),
                BASE);

        assertEquals(3, r.expansions());
        List<String> expandedInOrder = r.tree().nodes().stream().filter(NodeRecord::expanded)
                .sorted(java.util.Comparator.comparingInt(NodeRecord::expansionOrder)).map(NodeRecord::goals).toList();
        assertEquals(w.requests.stream().map(q -> q.state().goals()).toList(), expandedInOrder,
                "expansion numbers follow the policy's requests");
        assertEquals(List.of(0, 1, 2), r.tree().nodes().stream().filter(NodeRecord::expanded)
                .map(NodeRecord::expansionOrder).sorted().toList());
        // 1, 2 and 3 ms for the three expansions; 4 ms for the refused request, on a node left unexpanded
        assertEquals(List.of(1000L, 2000L, 3000L, 4000L), r.tree().nodes().stream().filter(n -> n.policyMicros() > 0)
                .map(NodeRecord::policyMicros).sorted().toList());
        NodeRecord refused = r.tree().nodes().stream().filter(n -> n.policyMicros() == 4000).findFirst().orElseThrow();
        assertEquals(NodeRecord.NOT_EXPANDED, refused.expansionOrder());
    }

    @Test
    void aPolicyWaitEndsAtTheTimeBudgetAndTheRequestIsCancelled() {
        AtomicReference<CompletableFuture<Suggestions>> pending = new AtomicReference<>();
        TacticPolicy silent = request -> {
            CompletableFuture<Suggestions> f = new CompletableFuture<>();
            pending.set(f);
            return f;
        };
        SearchConfig config = BASE.withBudgets(Budgets.unlimited().withMaxTime(Duration.ofMillis(50)));
        SearchResult r = Search.create(World.THEOREM, config, 1, endless().services().withPolicy(silent)).run();
        assertEquals(FailureReason.BUDGET_TIME, failure(r));
        assertTrue(pending.get().isCancelled());
    }

    @Test
    void cancelEndsAWaitingSearchAndCancelsItsRequest() throws Exception {
        AtomicReference<CompletableFuture<Suggestions>> pending = new AtomicReference<>();
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        TacticPolicy silent = request -> {
            CompletableFuture<Suggestions> f = new CompletableFuture<>();
            pending.set(f);
            asked.countDown();
            return f;
        };
        Search s = Search.create(World.THEOREM, BASE, 1, endless().services().withPolicy(silent));
        CompletableFuture<SearchResult> result = CompletableFuture.supplyAsync(s::run,
                r -> Thread.ofVirtual().start(r));
        asked.await();
        s.cancel();
        SearchResult r = result.get();
        assertEquals(FailureReason.CANCELLED, failure(r));
        assertTrue(pending.get().isCancelled());
        assertTrue(s.isCancelled());
    }

    @Test
    void theCriticCanReorderTheFrontier() {
        World w = World.of("⊢ root", Map.of(
                "⊢ root", List.of(move("likely", -0.1, next("⊢ A")), move("unlikely", -5.0, next("⊢ B"))),
                "⊢ A", List.of(move("on", -0.1, next("⊢ A2"))),
                "⊢ A2", List.of(move("on", -0.1, next("⊢ A3"))),
                "⊢ B", List.of(move("close", -0.1, done()))));
        StateScorer critic = (theorem, states) -> CompletableFuture.completedFuture(
                states.stream().map(s -> s.goals().equals("⊢ B") ? 1.0 : 0.0).toList());
        SearchConfig withCritic = BASE.withCritic(CriticMode.CRITIC_ONLY, 1.0);
        SearchResult guided = runChecked(Search.create(World.THEOREM, withCritic, 1, w.services().withCritic(critic)), withCritic);
        assertEquals(2, guided.expansions());
        assertEquals(List.of("unlikely", "close"), guided.proof().orElseThrow().tactics());

        SearchResult unguided = run(w, BASE); // root, A, A2, A3 (no moves: failed), then B
        assertEquals(5, unguided.expansions());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Search.create(World.THEOREM, withCritic, 1, w.services()));
        assertEquals("criticMode CRITIC_ONLY needs a critic (StateScorer)", e.getMessage());
    }

    @Test
    void requestsCarryThePathTemperatureWidthAndDistinctSeeds() {
        World w = endless();
        SearchConfig config = BASE.withWidth(3).withTemperature(1.3).withBudgets(Budgets.unlimited().withMaxExpansions(3));
        run(w, config);
        PolicyRequest third = w.requests.get(2);
        assertEquals(List.of("a"), w.requests.get(1).proofBefore());
        assertEquals(3, third.count());
        assertEquals(1.3, third.temperature());
        assertEquals(3, w.requests.stream().mapToLong(PolicyRequest::seed).distinct().count());
        World again = endless();
        run(again, config);
        assertEquals(w.requests.stream().map(PolicyRequest::seed).toList(),
                again.requests.stream().map(PolicyRequest::seed).toList());
    }

    @Test
    void aSearchRunsOnceAndANodeIsExpandedOnce() {
        Search s = Search.create(World.THEOREM, BASE.withBudgets(Budgets.unlimited().withMaxExpansions(1)), 1,
                endless().services());
        s.run();
        IllegalStateException twice = assertThrows(IllegalStateException.class, s::run);
        assertEquals("a Search runs once; create another for another attempt", twice.getMessage());
        InternalNode root = s.tree().root();
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> root.expand(new Edge[0]));
        assertEquals("node 0 is already expanded", again.getMessage());
    }

    @Test
    void theRecordedTreeKeepsEveryEdgeWithItsScoreAndTiming() {
        World w = World.of("⊢ root", Map.of(
                "⊢ root", List.of(new World.Move("long", -2.0, 4, next("⊢ a")), new World.Move("short", -0.9, 1, error("bad")))));
        SearchResult r = run(w, BASE.withScoreMode(ScoreMode.MEAN));
        assertFalse(r.proved());
        List<EdgeRecord> edges = r.tree().edgesFrom(0);
        assertEquals(List.of("long", "short"), edges.stream().map(EdgeRecord::tactic).toList()); // -0.5 beats -0.9
        EdgeRecord first = edges.get(0);
        assertEquals(new EdgeRecord(0, 1, "long", -2.0, 4, -0.5, EdgeKind.PROGRESS, "", first.environmentMicros()), first);
        assertInstanceOf(SearchOutcome.Failed.class, r.outcome());
        assertEquals(-0.5, r.tree().nodes().get(1).priority());
    }

    @Test
    void everyRequestAndApplicationGetsThePathByWhichItsStateWasFirstReached() {
        // 60 states with three moves each to states spread over the range: many merges, and the
        // best-first order jumps between distant parts of the tree.
        World w = new World("⊢ 0", goals -> {
            int n = Integer.parseInt(goals.substring(2));
            List<World.Move> moves = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                moves.add(move("t" + n + "x" + j, -0.1 - (n * 31 + j * 17) % 10 / 10.0, next("⊢ " + (n * 7 + j * 13 + 1) % 60)));
            }
            return moves;
        });
        Map<String, List<String>> firstPath = new HashMap<>(Map.of("⊢ 0", List.of()));
        List<String> wrong = new ArrayList<>();
        ProofEnvironment env = w.environment();
        ProofEnvironment checking = new ProofEnvironment() {
            @Override
            public StartOutcome start(Theorem theorem) {
                return env.start(theorem);
            }

            @Override
            public TacticOutcome apply(Theorem theorem, ProofState state, List<String> proofBefore, String tactic) {
                if (!proofBefore.equals(firstPath.get(state.goals()))) {
                    wrong.add(state.goals() + " applied with " + proofBefore);
                }
                TacticOutcome o = env.apply(theorem, state, proofBefore, tactic);
                if (o instanceof TacticOutcome.Progress p) {
                    List<String> path = new ArrayList<>(proofBefore);
                    path.add(tactic);
                    firstPath.putIfAbsent(p.state().goals(), path);
                }
                return o;
            }
        };
        SearchConfig config = BASE.withAlpha(0.5).withBudgets(Budgets.unlimited().withMaxExpansions(50));
        SearchResult r = runChecked(Search.create(World.THEOREM, config, 42, w.services().withEnvironment(checking)), config);

        assertEquals(50, r.expansions());
        assertTrue(r.maxDepth() >= 5, "depth " + r.maxDepth());
        for (PolicyRequest request : w.requests) {
            if (!request.proofBefore().equals(firstPath.get(request.state().goals()))) {
                wrong.add(request.state().goals() + " asked with " + request.proofBefore());
            }
        }
        assertEquals(List.of(), wrong);
    }
}
