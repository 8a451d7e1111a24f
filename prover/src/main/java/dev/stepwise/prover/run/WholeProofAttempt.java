package dev.stepwise.prover.run;

import dev.stepwise.prover.policy.client.Completions;
import dev.stepwise.prover.policy.client.FinishReason;
import dev.stepwise.prover.policy.client.Sample;
import dev.stepwise.prover.policy.prompt.WholeProofInput;
import dev.stepwise.prover.policy.prompt.WholeProofPrompt;
import dev.stepwise.search.AcceptanceVerdict;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.FailureReason;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.PolicyUnavailableException;
import dev.stepwise.search.Proof;
import dev.stepwise.search.ProofAcceptor;
import dev.stepwise.search.ProofStep;
import dev.stepwise.search.RecordedTree;
import dev.stepwise.search.SearchOutcome;
import dev.stepwise.search.SearchResult;
import dev.stepwise.search.Status;
import dev.stepwise.search.Theorem;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One whole-proof attempt on one theorem: its requests go out at once (each waits for a place
 * among the requests in flight of the whole run), every reply's code goes through the acceptance
 * gate as it arrives, and the first accepted proof ends the attempt: requests not yet sent are
 * not sent, replies not yet checked are not checked. The attempt is recorded as the one tree
 * every mode leaves: the root (the statement) with one edge per checked sample, in sample order.
 */
final class WholeProofAttempt {
    /** A reply's last characters kept on its edge when no proof could be taken out of it. */
    private static final int REPLY_TAIL = 600;

    private final Theorem theorem;
    private final String declarationName;
    private final WholeProofInput input;
    private final WholeProofPlan plan;
    private final WholeProofSampler sampler;
    private final ProofAcceptor acceptor;
    private final Semaphore inFlight;
    private final InstantSource clock;
    private final long seed;

    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong promptTokens = new AtomicLong();
    private final AtomicLong completionTokens = new AtomicLong();
    private final AtomicLong policyNanos = new AtomicLong();
    private final AtomicLong gateNanos = new AtomicLong();
    private final AtomicLong requestsSent = new AtomicLong();
    private final AtomicReference<String> unavailable = new AtomicReference<>();
    private final AtomicBoolean budgetHit = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, Checked> checked = new TreeMap<>();

    /** One sample as checked: its edge, and the proof when the gate accepted it. */
    private record Checked(EdgeRecord edge, Proof proof, AcceptanceVerdict.Accepted accepted) {
    }

    WholeProofAttempt(Theorem theorem, String declarationName, WholeProofInput input, WholeProofPlan plan,
            WholeProofSampler sampler, ProofAcceptor acceptor, Semaphore inFlight, InstantSource clock, long seed) {
        this.theorem = theorem;
        this.declarationName = declarationName;
        this.input = input;
        this.plan = plan;
        this.sampler = sampler;
        this.acceptor = acceptor;
        this.inFlight = inFlight;
        this.clock = clock;
        this.seed = seed;
    }

    /** Stops the attempt: nothing more is sent or checked (another attempt proved the theorem, or shutdown). */
    void cancel() {
        stopped.set(true);
    }

    SearchResult run() {
        Instant started = clock.instant();
        WholeProofPrompt prompt = plan.template().render(input);
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int r = 0; r < plan.requests(); r++) {
                int request = r;
                requests.execute(() -> request(prompt, request));
            }
        }
        return result(started);
    }

    private void request(WholeProofPrompt prompt, int r) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.set(true);
            return;
        }
        Completions replies;
        try {
            if (stopped.get()) {
                return;
            }
            if (plan.tokenBudget() > 0 && tokens.get() >= plan.tokenBudget()) {
                budgetHit.set(true);
                return;
            }
            requestsSent.incrementAndGet();
            long t0 = System.nanoTime();
            try {
                replies = sampler.sample(prompt, plan.samplesIn(r), seed + (long) r * plan.batch());
            } finally {
                policyNanos.addAndGet(System.nanoTime() - t0);
            }
        } catch (PolicyUnavailableException e) {
            unavailable.compareAndSet(null, e.getMessage());
            return;
        } finally {
            inFlight.release();
        }
        promptTokens.addAndGet(replies.promptTokens());
        completionTokens.addAndGet(replies.completionTokens());
        tokens.addAndGet(replies.promptTokens() + replies.completionTokens());
        List<Sample> samples = replies.samples();
        for (int j = 0; j < samples.size(); j++) {
            if (stopped.get()) {
                return;
            }
            Checked c = check(samples.get(j));
            lock.lock();
            try {
                checked.put(r * plan.batch() + j, c);
            } finally {
                lock.unlock();
            }
            if (c.accepted() != null) {
                stopped.set(true);
            }
        }
    }

    private Checked check(Sample s) {
        int tokenCount = Math.max(1, s.tokenCount());
        var code = plan.template().code(input, s.text());
        if (code.isEmpty()) {
            String why = s.finish() == FinishReason.LENGTH
                    ? "the reply was cut off at the token limit before a complete lean4 block"
                    : "the reply has no lean4 code block";
            return filtered(s, tokenCount, why);
        }
        return switch (ProofBody.of(code.get(), declarationName)) {
            case ProofBody.None none -> filtered(s, tokenCount, none.why());
            case ProofBody.Proof body -> {
                Proof proof = new Proof(List.of(new ProofStep(theorem.statement(), body.tactics())));
                long t0 = System.nanoTime();
                AcceptanceVerdict verdict = acceptor.check(theorem, proof);
                long took = System.nanoTime() - t0;
                gateNanos.addAndGet(took);
                long micros = took / 1_000;
                yield switch (verdict) {
                    case AcceptanceVerdict.Accepted a -> new Checked(edge(body.tactics(), s, tokenCount,
                            EdgeKind.PROOF_COMPLETE, "", micros), proof, a);
                    case AcceptanceVerdict.Rejected r -> new Checked(edge(body.tactics(), s, tokenCount,
                            EdgeKind.PROOF_REJECTED, r.reason(), micros), null, null);
                    case AcceptanceVerdict.Unchecked u -> new Checked(edge(body.tactics(), s, tokenCount,
                            EdgeKind.CRASHED, u.reason(), micros), null, null);
                };
            }
        };
    }

    private static Checked filtered(Sample s, int tokenCount, String why) {
        String text = s.text();
        String tail = text.length() <= REPLY_TAIL ? text : "…" + text.substring(text.length() - REPLY_TAIL);
        return new Checked(edge(tail, s, tokenCount, EdgeKind.FILTERED, why, 0), null, null);
    }

    private static EdgeRecord edge(String text, Sample s, int tokenCount, EdgeKind kind, String message, long micros) {
        return new EdgeRecord(0, EdgeRecord.NO_NODE, text, s.logProbSum(), tokenCount, s.logProbSum(), kind, message, micros);
    }

    private SearchResult result(Instant started) {
        List<Checked> inOrder;
        lock.lock();
        try {
            inOrder = List.copyOf(checked.values());
        } finally {
            lock.unlock();
        }
        Checked winner = inOrder.stream().filter(c -> c.accepted() != null).findFirst().orElse(null);
        List<EdgeRecord> edges = new ArrayList<>();
        for (Checked c : inOrder) {
            edges.add(c.edge());
        }
        long policyMicros = policyNanos.get() / 1_000;
        Status status = winner != null ? Status.PROVED : Status.FAILED;
        NodeRecord root = new NodeRecord(0, theorem.statement(), 1, status, 0, 0.0,
                winner != null ? 1 : NodeRecord.UNPROVED, 0, policyMicros);
        RecordedTree tree = new RecordedTree(List.of(root), edges);
        SearchOutcome outcome = winner != null ? new SearchOutcome.Proved(winner.proof(), winner.accepted())
                : failure(inOrder);
        Duration total = Duration.between(started, clock.instant());
        int filtered = (int) inOrder.stream().filter(c -> c.edge().kind() == EdgeKind.FILTERED).count();
        return new SearchResult(theorem.name(), seed, 0.0, outcome, tree, Duration.ofNanos(policyNanos.get()),
                Duration.ZERO, Duration.ofNanos(gateNanos.get()), Duration.ZERO, total.isNegative() ? Duration.ZERO : total,
                1, requestsSent.get(), inOrder.size() - filtered, promptTokens.get(), completionTokens.get(), filtered, 0, 1);
    }

    /**
     * Why no proof: the model server's silence and Lean's (a check it could not answer) are worth a
     * retry and say so; a cancelled attempt is one; otherwise the samples or tokens ran out.
     */
    private SearchOutcome.Failed failure(List<Checked> inOrder) {
        if (unavailable.get() != null) {
            return new SearchOutcome.Failed(FailureReason.POLICY_UNAVAILABLE, unavailable.get());
        }
        long crashed = inOrder.stream().filter(c -> c.edge().kind() == EdgeKind.CRASHED).count();
        if (crashed > 0) {
            return new SearchOutcome.Failed(FailureReason.LEAN_FAULTS,
                    crashed + " of " + inOrder.size() + " proofs got no answer from Lean's acceptance check");
        }
        if (stopped.get()) {
            return new SearchOutcome.Failed(FailureReason.CANCELLED, "cancelled after " + inOrder.size() + " proofs");
        }
        if (budgetHit.get()) {
            return new SearchOutcome.Failed(FailureReason.BUDGET_TOKENS, "token budget of " + plan.tokenBudget()
                    + " spent after " + inOrder.size() + " of " + plan.samples() + " proofs");
        }
        return new SearchOutcome.Failed(FailureReason.FRONTIER_EXHAUSTED, "none of " + inOrder.size()
                + " sampled proofs was accepted");
    }
}
