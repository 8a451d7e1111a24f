package dev.stepwise.prover.eval;

import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.OutcomeCodes;
import dev.stepwise.prover.store.ProblemStatus;
import dev.stepwise.prover.store.ProofRecord;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.RecordedTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A run as read back from the store: its description and one {@link ProblemResult} per problem.
 * Results files, tables, comparisons and reports are all computed from here, so a resumed run and
 * an uninterrupted one print the same thing. It reads through the open store it was given: use it
 * while that store is open, and hand on values ({@link EvalReport}), never this.
 */
public final class StoredRun {
    private final Store store;
    private final Run run;
    private final EvalConfig config;

    private StoredRun(Store store, Run run) {
        this.store = store;
        this.run = run;
        this.config = EvalConfig.fromJson(run.configJson());
    }

    /** The run named {@code name}, or empty. */
    public static Optional<StoredRun> find(Store store, String name) {
        return store.runs().findByName(name).map(r -> new StoredRun(store, r));
    }

    public static StoredRun of(Store store, Run run) {
        return new StoredRun(store, run);
    }

    public Run run() {
        return run;
    }

    public EvalConfig config() {
        return config;
    }

    public RunInfo info() {
        return new RunInfo(run.name(), config.dataset(), config.budget(), config.alphas(), config.temperature(),
                run.versions().model(), run.versions().lean(), run.versions().mathlib(),
                run.simulation() == Simulation.SIMULATED, config.mismatchLabel().orElse(""), mode(config));
    }

    /** The run's mode as its settings recorded it; runs from before whole-proof mode are step searches. */
    static String mode(EvalConfig config) {
        String mode = config.settings().getOrDefault("search.mode", "step");
        if (!mode.equals("whole-proof")) {
            return mode;
        }
        String revisions = config.settings().getOrDefault("search.revisions", "0");
        return "whole-proof (" + config.settings().getOrDefault("model.whole-proof-template", "?") + ", "
                + config.settings().getOrDefault("search.samples", "?") + " proofs per attempt"
                + (revisions.equals("0") ? "" : ", up to " + revisions + " revisions each") + ")";
    }

    /** One problem of the run as stored: its row, its attempts in the order they were stored, and its result. */
    public record StoredProblem(RunProblem row, List<Attempt> attempts, ProblemResult result) {
        public StoredProblem {
            attempts = List.copyOf(attempts);
        }
    }

    /** The run's problems in their order, each with its attempts and result. */
    public List<StoredProblem> problems() {
        Map<String, List<Attempt>> attempts = store.attempts().forRun(run.id()).stream()
                .collect(Collectors.groupingBy(Attempt::problem, LinkedHashMap::new, Collectors.toList()));
        List<StoredProblem> out = new ArrayList<>();
        for (RunProblem p : store.problems().list(run.id())) {
            List<Attempt> mine = attempts.getOrDefault(p.problem().name(), List.of());
            out.add(new StoredProblem(p, mine, result(p, mine)));
        }
        return out;
    }

    public List<ProblemResult> results() {
        return problems().stream().map(StoredProblem::result).toList();
    }

    /** The search tree stored with {@code attempt}. */
    public RecordedTree tree(Attempt attempt) {
        return store.attempts().tree(attempt.id());
    }

    static ProblemResult result(RunProblem p, List<Attempt> attempts) {
        String name = p.problem().name();
        long expansions = attempts.stream().mapToLong(a -> a.counts().expansions()).sum();
        long tactics = attempts.stream().mapToLong(a -> a.counts().tacticCalls()).sum();
        long tokens = attempts.stream().mapToLong(a -> a.counts().policyTokens()).sum();
        Duration time = p.startedAt() != null && p.endedAt() != null ? Duration.between(p.startedAt(), p.endedAt())
                : attempts.stream().map(a -> a.timings().wall()).reduce(Duration.ZERO, Duration::plus);
        Optional<ProofRecord> found = attempts.stream().flatMap(a -> a.proof().stream()).findFirst();
        ProblemResult.Outcome outcome = switch (p.status()) {
            case PROVED -> ProblemResult.Outcome.PROVED;
            case UNPROVED -> ProblemResult.Outcome.UNPROVED;
            case STATEMENT_ERROR -> ProblemResult.Outcome.STATEMENT_ERROR;
            case PENDING, RUNNING, ERROR -> ProblemResult.Outcome.FAILED;
        };
        String verdict;
        List<String> proof = List.of();
        if (outcome == ProblemResult.Outcome.PROVED && found.isPresent()) {
            proof = found.get().tactics();
            List<String> axioms = found.get().acceptance().axioms();
            verdict = "accepted by the gate; axioms: " + (axioms.isEmpty() ? "none" : String.join(", ", axioms));
        } else if (p.status() == ProblemStatus.STATEMENT_ERROR) {
            verdict = "statement error: " + (p.error() == null ? "" : p.error());
        } else if (p.status() == ProblemStatus.ERROR) {
            verdict = "error (retried on resume): " + (p.error() == null ? "" : p.error());
        } else if (p.status() == ProblemStatus.PENDING || p.status() == ProblemStatus.RUNNING) {
            verdict = "not finished (resume the run)";
        } else {
            verdict = failureSummary(attempts);
        }
        return new ProblemResult(name, ProblemFamily.of(name), outcome, proof, attempts.size(), expansions, tactics, tokens,
                time, verdict);
    }

    /** "budget-exhausted ×3, frontier-exhausted" from the attempts' reasons. */
    private static String failureSummary(List<Attempt> attempts) {
        Map<String, Long> reasons = attempts.stream().flatMap(a -> a.failure().stream())
                .map(f -> OutcomeCodes.code(f.reason()))
                .collect(Collectors.groupingBy(r -> r, LinkedHashMap::new, Collectors.counting()));
        if (reasons.isEmpty()) {
            return "no attempt recorded";
        }
        return reasons.entrySet().stream().map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
