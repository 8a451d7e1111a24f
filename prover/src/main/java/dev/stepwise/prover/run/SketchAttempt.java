package dev.stepwise.prover.run;

import dev.stepwise.prover.lean.SketchStart;
import dev.stepwise.prover.policy.client.Completions;
import dev.stepwise.prover.policy.client.Sample;
import dev.stepwise.prover.policy.prompt.ChatMessage;
import dev.stepwise.prover.policy.prompt.ProofExtraction;
import dev.stepwise.prover.policy.prompt.SketchPrompt;
import dev.stepwise.prover.policy.prompt.WholeProofInput;
import dev.stepwise.prover.store.SketchHole;
import dev.stepwise.search.AcceptanceVerdict;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.FailureReason;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.PolicyUnavailableException;
import dev.stepwise.search.Proof;
import dev.stepwise.search.ProofAcceptor;
import dev.stepwise.search.ProofState;
import dev.stepwise.search.ProofStep;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.Search;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.SearchResult;
import dev.stepwise.search.SearchServices;
import dev.stepwise.search.Status;
import dev.stepwise.search.Theorem;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sketch attempt on one theorem: the planner writes a sketch, Lean elaborates it once, each
 * hole is proved by the step search from the proof state Lean gave it (or taken from the run's
 * {@link SubgoalCache}), the holes' proofs are put in place of their {@code sorry}s and the whole
 * proof goes through the acceptance gate. A sketch that Lean refuses, whose hole is not proved,
 * or whose proof the gate rejects goes back to the planner with the reason, up to the plan's
 * sketches. The attempt is recorded as every mode is: the root (the statement) with one edge per
 * sketch (its text), and beside it its holes ({@link SketchHole}).
 */
final class SketchAttempt implements OneAttemptAtATime.Running {
    private static final Pattern SORRY = Pattern.compile("[ \\t]*\\bsorry\\b");
    private static final int REPLY_TAIL = 600;

    private final Theorem theorem;
    private final String declarationName;
    private final WholeProofInput input;
    private final SketchPlan plan;
    private final SketchPlanner planner;
    private final SketchElaborator lean;
    private final SearchServices services;
    private final WholeProofChecker gate;
    private final SubgoalCache cache;
    private final Semaphore holeSearches;
    private final InstantSource clock;
    private final long seed;
    private final double alpha;

    private volatile boolean stopped;
    private volatile Search running;
    private final List<EdgeRecord> edges = new ArrayList<>();
    private final List<SketchHole> holes = new ArrayList<>();
    private long promptTokens;
    private long completionTokens;
    private long policyNanos;
    private long environmentNanos;
    private long gateNanos;
    private long expansions;
    private long tactics;
    private String unavailable;
    private String leanFault;

    SketchAttempt(Theorem theorem, String declarationName, WholeProofInput input, SketchPlan plan, SketchPlanner planner,
            SketchElaborator lean, SearchServices services, WholeProofChecker gate, SubgoalCache cache,
            Semaphore holeSearches, InstantSource clock, long seed, double alpha) {
        this.theorem = theorem;
        this.declarationName = declarationName;
        this.input = input;
        this.plan = plan;
        this.planner = planner;
        this.lean = lean;
        this.services = services;
        this.gate = gate;
        this.cache = cache;
        this.holeSearches = holeSearches;
        this.clock = clock;
        this.seed = seed;
        this.alpha = alpha;
    }

    public void cancel() {
        stopped = true;
        Search s = running;
        if (s != null) {
            s.cancel();
        }
    }

    List<SketchHole> holes() {
        return List.copyOf(holes);
    }

    /** What one sketch gave: its edge, the proof when the gate accepted it, and why not otherwise. */
    private record Tried(EdgeRecord edge, Proof proof, AcceptanceVerdict.Accepted accepted, String why) {
    }

    public SearchResult run() {
        Instant started = clock.instant();
        List<ChatMessage> conversation = SketchPrompt.first(input);
        Tried winner = null;
        for (int k = 0; k < plan.sketches() && !stopped && unavailable == null && leanFault == null; k++) {
            Optional<Sample> reply = ask(conversation, seed + k);
            if (reply.isEmpty()) {
                break;
            }
            Tried t = tryOne(k, reply.get());
            edges.add(t.edge());
            if (t.accepted() != null) {
                winner = t;
                break;
            }
            conversation = SketchPrompt.replan(conversation, reply.get().text(), t.why());
        }
        return result(started, winner);
    }

    private Optional<Sample> ask(List<ChatMessage> conversation, long requestSeed) {
        long t0 = System.nanoTime();
        Completions c;
        try {
            c = planner.ask(conversation, requestSeed);
        } catch (PolicyUnavailableException e) {
            unavailable = e.getMessage();
            return Optional.empty();
        } finally {
            policyNanos += System.nanoTime() - t0;
        }
        promptTokens += c.promptTokens();
        completionTokens += c.completionTokens();
        return c.samples().isEmpty() ? Optional.empty() : Optional.of(c.samples().get(0));
    }

    private Tried tryOne(int k, Sample s) {
        Optional<String> code = ProofExtraction.LAST_LEAN4_BLOCK.code(s.text());
        if (code.isEmpty()) {
            return filtered(s, "the planner's reply has no lean4 code block");
        }
        String sketch;
        switch (ProofBody.of(code.get(), declarationName)) {
            case ProofBody.None none -> {
                return filtered(s, none.why());
            }
            case ProofBody.Proof p -> sketch = p.tactics();
        }
        int sorries = count(sketch);
        List<ProofState> roots = List.of();
        if (sorries > 0) {
            long t0 = System.nanoTime();
            SketchStart start = lean.elaborate(theorem, sketch);
            environmentNanos += System.nanoTime() - t0;
            tactics++;
            switch (start) {
                case SketchStart.Failed f -> {
                    leanFault = f.reason();
                    return tried(sketch, s, EdgeKind.CRASHED, "Lean gave no answer on the sketch: " + f.reason());
                }
                case SketchStart.Rejected r -> {
                    return tried(sketch, s, EdgeKind.LEAN_ERROR, "Lean refused the sketch: " + r.errors());
                }
                case SketchStart.Holes h -> roots = h.holes();
            }
            if (roots.size() != sorries) {
                return tried(sketch, s, EdgeKind.LEAN_ERROR, "the sketch has " + sorries + " sorry but Lean gave "
                        + roots.size() + " of them a proof state (a hole must be a tactic-mode `by sorry`)");
            }
        }
        List<List<String>> proofs = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            Optional<String> failed = prove(k, i, roots.get(i), proofs);
            if (failed.isPresent()) {
                for (int j = i + 1; j < roots.size(); j++) {
                    holes.add(new SketchHole(k, j, roots.get(j).goals(), SketchHole.Status.SKIPPED, List.of(), 0,
                            "hole " + (i + 1) + " was not proved"));
                }
                return tried(sketch, s, EdgeKind.LEAN_ERROR, failed.get());
            }
        }
        String assembled = assemble(sketch, proofs);
        Proof proof = new Proof(List.of(new ProofStep(theorem.statement(), assembled)));
        long t0 = System.nanoTime();
        WholeProofChecker.Checked checked = gate.check(theorem, proof);
        gateNanos += System.nanoTime() - t0;
        tactics++;
        String holesNote = roots.isEmpty() ? "no holes" : roots.size() + " holes proved";
        return switch (checked.verdict()) {
            case AcceptanceVerdict.Accepted a -> new Tried(edge(assembled, s, EdgeKind.PROOF_COMPLETE, holesNote), proof, a, "");
            case AcceptanceVerdict.Rejected r -> tried(assembled, s, EdgeKind.PROOF_REJECTED,
                    holesNote + "; the acceptance gate rejected the assembled proof: " + r.reason());
            case AcceptanceVerdict.Unchecked u -> {
                leanFault = u.reason();
                yield tried(assembled, s, EdgeKind.CRASHED, u.reason());
            }
        };
    }

    /** Proves hole {@code i} (from the cache or by a step search); empty when proved, else why not. */
    private Optional<String> prove(int k, int i, ProofState root, List<List<String>> proofs) {
        Optional<List<String>> known = cache.proof(theorem.header(), root.goals());
        if (known.isPresent()) {
            holes.add(new SketchHole(k, i, root.goals(), SketchHole.Status.CACHED, known.get(), 0, "solved earlier in this run"));
            proofs.add(known.get());
            return Optional.empty();
        }
        Theorem hole = new Theorem(theorem.name() + "#hole" + (i + 1), theorem.header(), theorem.statement());
        Search search = Search.create(hole, plan.holeSearch(), seed + 7919L * (i + 1),
                services.withEnvironment(new HoleEnvironment(services.environment(), root)).withAcceptor(ProofAcceptor.ACCEPT_ALL));
        SearchResult r;
        try {
            holeSearches.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            return Optional.of("cancelled");
        }
        try {
            running = search;
            if (stopped) {
                search.cancel();
            }
            r = search.run();
        } finally {
            running = null;
            holeSearches.release();
        }
        expansions += r.expansions();
        tactics += r.tacticApplications();
        promptTokens += r.promptTokens();
        completionTokens += r.completionTokens();
        policyNanos += r.policyTime().toNanos();
        environmentNanos += r.environmentTime().toNanos();
        if (r.proof().isPresent()) {
            List<String> found = r.proof().get().tactics();
            cache.put(theorem.header(), root.goals(), found);
            holes.add(new SketchHole(k, i, root.goals(), SketchHole.Status.PROVED, found, r.expansions(), "step search"));
            proofs.add(found);
            return Optional.empty();
        }
        SearchOutcome.Failed f = (SearchOutcome.Failed) r.outcome();
        switch (f.reason()) {
            case POLICY_UNAVAILABLE -> unavailable = f.detail();
            case ENVIRONMENT_FAILURE, LEAN_FAULTS -> leanFault = f.detail();
            case CANCELLED -> stopped = true;
            default -> {
            }
        }
        holes.add(new SketchHole(k, i, root.goals(), SketchHole.Status.FAILED, List.of(), r.expansions(),
                f.reason() + ": " + f.detail()));
        return Optional.of("hole " + (i + 1) + " (goal: " + root.goals().replace('\n', ' ') + ") was not proved by the "
                + "step search (" + f.detail() + ")");
    }

    /** {@code sketch} with its k-th {@code sorry} replaced by the k-th hole's tactics, one level deeper than its line. */
    static String assemble(String sketch, List<List<String>> proofs) {
        Matcher m = SORRY.matcher(sketch);
        StringBuilder out = new StringBuilder();
        int k = 0;
        while (m.find()) {
            if (k >= proofs.size()) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            int lineStart = sketch.lastIndexOf('\n', m.start()) + 1;
            String line = sketch.substring(lineStart);
            String indent = " ".repeat(line.length() - line.stripLeading().length() + 2);
            StringBuilder proof = new StringBuilder();
            for (String t : proofs.get(k)) {
                proof.append('\n').append(indent).append(t.strip().replace("\n", "\n" + indent));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(proof.toString()));
            k++;
        }
        m.appendTail(out);
        return out.toString();
    }

    private static int count(String sketch) {
        Matcher m = SORRY.matcher(sketch);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private Tried tried(String text, Sample s, EdgeKind kind, String why) {
        return new Tried(edge(text, s, kind, why), null, null, why);
    }

    private Tried filtered(Sample s, String why) {
        String text = s.text();
        String tail = text.length() <= REPLY_TAIL ? text : "…" + text.substring(text.length() - REPLY_TAIL);
        return tried(tail, s, EdgeKind.FILTERED, why);
    }

    private static EdgeRecord edge(String text, Sample s, EdgeKind kind, String message) {
        return new EdgeRecord(0, EdgeRecord.NO_NODE, text, s.logProbSum(), Math.max(1, s.tokenCount()), s.logProbSum(), kind,
                message, 0);
    }

    private SearchResult result(Instant started, Tried winner) {
        Status status = winner != null ? Status.PROVED : Status.FAILED;
        NodeRecord root = new NodeRecord(0, theorem.statement(), 1, status, 0, 0.0, winner != null ? 1 : NodeRecord.UNPROVED,
                0, policyNanos / 1_000);
        RecordedTree tree = new RecordedTree(List.of(root), edges);
        SearchOutcome outcome = winner != null ? new SearchOutcome.Proved(winner.proof(), winner.accepted()) : failure();
        Duration total = Duration.between(started, clock.instant());
        int filtered = (int) edges.stream().filter(e -> e.kind() == EdgeKind.FILTERED).count();
        return new SearchResult(theorem.name(), seed, alpha, outcome, tree, Duration.ofNanos(policyNanos),
                Duration.ofNanos(environmentNanos), Duration.ofNanos(gateNanos), Duration.ZERO,
                total.isNegative() ? Duration.ZERO : total, 1, expansions + edges.size(), tactics, promptTokens,
                completionTokens, filtered, 0, 1);
    }

    private SearchOutcome.Failed failure() {
        if (unavailable != null) {
            return new SearchOutcome.Failed(FailureReason.POLICY_UNAVAILABLE, unavailable);
        }
        if (leanFault != null) {
            return new SearchOutcome.Failed(FailureReason.LEAN_FAULTS, leanFault);
        }
        if (stopped) {
            return new SearchOutcome.Failed(FailureReason.CANCELLED, "cancelled after " + edges.size() + " sketches");
        }
        return new SearchOutcome.Failed(FailureReason.FRONTIER_EXHAUSTED, "none of " + edges.size()
                + " sketches gave an accepted proof");
    }
}
