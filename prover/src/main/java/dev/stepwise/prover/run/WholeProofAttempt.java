package dev.stepwise.prover.run;

import dev.stepwise.prover.policy.client.Completions;
import dev.stepwise.prover.policy.client.FinishReason;
import dev.stepwise.prover.policy.client.Sample;
import dev.stepwise.prover.policy.prompt.WholeProofInput;
import dev.stepwise.prover.policy.prompt.RepairFeedback;
import dev.stepwise.prover.policy.prompt.WholeProofPrompt;
import dev.stepwise.search.AcceptanceVerdict;
import dev.stepwise.search.EdgeKind;
import dev.stepwise.search.EdgeRecord;
import dev.stepwise.search.FailureReason;
import dev.stepwise.search.NodeRecord;
import dev.stepwise.search.PolicyUnavailableException;
import dev.stepwise.search.Proof;
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
import java.util.Optional;
import java.util.Set;
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
final class WholeProofAttempt implements OneAttemptAtATime.Running {
    /** A reply's last characters kept on its edge when no proof could be taken out of it. */
    private static final int REPLY_TAIL = 600;

    private final Theorem theorem;
    private final String declarationName;
    private final WholeProofInput input;
    private final WholeProofPlan plan;
    private final WholeProofSampler sampler;
    private final WholeProofChecker checker;
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

    /**
     * One sample as checked: its edge, the proof when the gate accepted it, and what a revision
     * needs when Lean refused it (the text Lean checked and its errors; null otherwise).
     */
    private record Checked(EdgeRecord edge, Proof proof, AcceptanceVerdict.Accepted accepted,
            WholeProofChecker.Checked refused) {
        Checked(EdgeRecord edge, Proof proof, AcceptanceVerdict.Accepted accepted) {
            this(edge, proof, accepted, null);
        }
    }

    WholeProofAttempt(Theorem theorem, String declarationName, WholeProofInput input, WholeProofPlan plan,
            WholeProofSampler sampler, WholeProofChecker checker, Semaphore inFlight, InstantSource clock, long seed) {
        this.theorem = theorem;
        this.declarationName = declarationName;
        this.input = input;
        this.plan = plan;
        this.sampler = sampler;
        this.checker = checker;
        this.inFlight = inFlight;
        this.clock = clock;
        this.seed = seed;
    }

    /** Stops the attempt: nothing more is sent or checked (another attempt proved the theorem, or shutdown). */
    public void cancel() {
        stopped.set(true);
    }

    public SearchResult run() {
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
        Optional<Completions> answer = ask(prompt, plan.samplesIn(r), seed + (long) r * plan.batch());
        if (answer.isEmpty()) {
            return;
        }
        Completions replies = answer.get();
        List<Sample> samples = replies.samples();
        for (int j = 0; j < samples.size(); j++) {
            if (stopped.get()) {
                return;
            }
            int index = r * plan.batch() + j;
            Checked c = check(samples.get(j), "", "");
            record(index, 0, c);
            revise(prompt, index, samples.get(j).text(), c);
        }
    }

    /** Sample {@code index}'s revision {@code round} (0 for the sample itself), in chain order after it. */
    private void record(int index, int round, Checked c) {
        lock.lock();
        try {
            checked.put(index * (plan.revisions() + 1) + round, c);
        } finally {
            lock.unlock();
        }
        if (c.accepted() != null) {
            stopped.set(true);
        }
    }

    /**
     * Goedel-Prover-V2's self-correction: while a proof is refused with Lean's errors, the model gets
     * the conversation so far, its reply, and the errors marked in the checked code, and writes a
     * revision, checked like any proof; up to {@code plan.revisions()} times. Each revision is an
     * edge of its own, recorded right after the proof it revises.
     */
    private void revise(WholeProofPrompt prompt, int index, String reply, Checked first) {
        if (!(prompt instanceof WholeProofPrompt.Chat chat)) {
            return;
        }
        WholeProofPrompt.Chat conversation = chat;
        String lastReply = reply;
        Checked last = first;
        for (int round = 1; round <= plan.revisions(); round++) {
            if (stopped.get() || last.refused() == null || last.refused().errors().isEmpty()) {
                return;
            }
            conversation = RepairFeedback.next(conversation, lastReply, round, last.refused().text(), last.refused().errors());
            Optional<Completions> answer = ask(conversation, 1, seed + 1_000_003L * (index + 1) + round);
            if (answer.isEmpty() || answer.get().samples().isEmpty()) {
                return;
            }
            Sample s = answer.get().samples().get(0);
            lastReply = s.text();
            last = check(s, "revision " + round + " of proof " + index, conversation.messages().getLast().content());
            record(index, round, last);
        }
    }

    /** One request within the run's requests in flight and this attempt's token budget; empty when not sent. */
    private Optional<Completions> ask(WholeProofPrompt prompt, int n, long requestSeed) {
        Completions replies;
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.set(true);
            return Optional.empty();
        }
        try {
            if (stopped.get()) {
                return Optional.empty();
            }
            if (plan.tokenBudget() > 0 && tokens.get() >= plan.tokenBudget()) {
                budgetHit.set(true);
                return Optional.empty();
            }
            requestsSent.incrementAndGet();
            long t0 = System.nanoTime();
            try {
                replies = sampler.sample(prompt, n, requestSeed);
            } finally {
                policyNanos.addAndGet(System.nanoTime() - t0);
            }
        } catch (PolicyUnavailableException e) {
            unavailable.compareAndSet(null, e.getMessage());
            return Optional.empty();
        } finally {
            inFlight.release();
        }
        promptTokens.addAndGet(replies.promptTokens());
        completionTokens.addAndGet(replies.completionTokens());
        tokens.addAndGet(replies.promptTokens() + replies.completionTokens());
        return Optional.of(replies);
    }

    /**
     * @param label what the sample is when it is a revision ("revision 1 of proof 3"), put before the edge's message
     * @param feedback the repair turn the revision answers ("" for a sample): kept on its edge with the reply, so
     *     the chain can be read back as the model saw it (expert iteration trains on it, the report shows it)
     */
    private Checked check(Sample s, String label, String feedback) {
        int tokenCount = Math.max(1, s.tokenCount());
        var code = plan.template().code(input, s.text());
        if (code.isEmpty()) {
            String why = s.finish() == FinishReason.LENGTH
                    ? "the reply was cut off at the token limit before a complete lean4 block"
                    : "the reply has no lean4 code block";
            return filtered(s, tokenCount, labelled(label, why), feedback);
        }
        return switch (ProofBody.of(code.get(), declarationName)) {
            case ProofBody.None none -> filtered(s, tokenCount, labelled(label, none.why()), feedback);
            case ProofBody.Proof body -> {
                Proof proof = new Proof(List.of(new ProofStep(theorem.statement(), body.tactics())));
                long t0 = System.nanoTime();
                WholeProofChecker.Checked result = checker.check(theorem, proof);
                long took = System.nanoTime() - t0;
                gateNanos.addAndGet(took);
                long micros = took / 1_000;
                yield switch (result.verdict()) {
                    case AcceptanceVerdict.Accepted a -> new Checked(edge(body.tactics(), s, tokenCount,
                            EdgeKind.PROOF_COMPLETE, label, micros, feedback), proof, a);
                    case AcceptanceVerdict.Rejected r -> new Checked(edge(body.tactics(), s, tokenCount,
                            EdgeKind.PROOF_REJECTED, labelled(label, r.reason()), micros, feedback), null, null, result);
                    case AcceptanceVerdict.Unchecked u -> new Checked(edge(body.tactics(), s, tokenCount,
                            EdgeKind.CRASHED, labelled(label, u.reason()), micros, feedback), null, null);
                };
            }
        };
    }

    private static String labelled(String label, String message) {
        return label.isEmpty() ? message : label + ": " + message;
    }

    /** A reply with no proof to check: its tail is its text (the whole reply is not kept; nothing trains on it). */
    private static Checked filtered(Sample s, int tokenCount, String why, String feedback) {
        String text = s.text();
        String tail = text.length() <= REPLY_TAIL ? text : "…" + text.substring(text.length() - REPLY_TAIL);
        return new Checked(new EdgeRecord(0, EdgeRecord.NO_NODE, tail, s.logProbSum(), tokenCount, s.logProbSum(),
                EdgeKind.FILTERED, why, 0, "", feedback), null, null);
    }

    /** A checked proof's edge: its proof lines, and the whole reply they came from as the edge's thought. */
    private static EdgeRecord edge(String text, Sample s, int tokenCount, EdgeKind kind, String message, long micros,
            String feedback) {
        return new EdgeRecord(0, EdgeRecord.NO_NODE, text, s.logProbSum(), tokenCount, s.logProbSum(), kind, message, micros,
                s.text(), feedback);
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
        int revisions = revisionsIn(checked.keySet());
        return new SearchResult(theorem.name(), seed, 0.0, outcome, tree, Duration.ofNanos(policyNanos.get()),
                Duration.ZERO, Duration.ofNanos(gateNanos.get()), Duration.ZERO, total.isNegative() ? Duration.ZERO : total,
                1, requestsSent.get(), inOrder.size() - filtered, promptTokens.get(), completionTokens.get(), filtered, 0, 1, revisions);
    }

    /** The recorded entries that are revisions: keyed {@code index × (R + 1) + round}, round 0 being the sample itself. */
    private int revisionsIn(Set<Integer> keys) {
        lock.lock();
        try {
            return (int) keys.stream().filter(k -> k % (plan.revisions() + 1) != 0).count();
        } finally {
            lock.unlock();
        }
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
