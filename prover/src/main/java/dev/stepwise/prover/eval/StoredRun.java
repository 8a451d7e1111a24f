package dev.stepwise.prover.eval;

import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.OutcomeCodes;
import dev.stepwise.prover.store.ProblemStatus;
import dev.stepwise.prover.store.ProofRecord;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.SketchHole;
import dev.stepwise.search.AttemptMode;
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
        String modes = config.settings().getOrDefault("search.mode", "step");
        List<String> out = new ArrayList<>();
        for (String mode : modes.split(",")) {
            out.add(switch (mode.strip()) {
                case "whole-proof" -> {
                    String revisions = config.settings().getOrDefault("search.revisions", "0");
                    yield "whole-proof (" + config.settings().getOrDefault("model.whole-proof-template", "?") + ", "
                            + config.settings().getOrDefault("search.samples", "?") + " proofs per attempt"
                            + (revisions.equals("0") ? "" : ", up to " + revisions + " revisions each") + ")";
                }
                case "sketch" -> {
                    String planner = config.settings().getOrDefault("planner.model", "");
                    yield "sketch (planner " + (planner.isBlank() ? config.settings().getOrDefault("model.name", "?") : planner)
                            + ", up to " + config.settings().getOrDefault("planner.sketches", "?") + " sketches per attempt)";
                }
                default -> mode.strip();
            });
        }
        // Mixed mode: the modes a theorem was tried by, in order.
        return String.join(", then ", out);
    }

    /** The mode codes of {@link #mode} ("sketch,step"), as results.jsonl writes them. */
    static String modeCodes(String described) {
        return described.replaceAll(" \\([^)]*\\)", "").replace(", then ", ",");
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
            out.add(new StoredProblem(p, mine, result(p, mine).withSketches(sketches(mine))));
        }
        return out;
    }

    public List<ProblemResult> results() {
        return problems().stream().map(StoredProblem::result).toList();
    }

    /**
     * What the sketch attempts of a problem did, in one line ("3 sketches; holes: 2 proved, 1 from
     * the cache, 1 failed"); "" when none ran.
     */
    private String sketches(List<Attempt> attempts) {
        int sketches = 0;
        Map<SketchHole.Status, Integer> holes = new java.util.EnumMap<>(SketchHole.Status.class);
        boolean any = false;
        for (Attempt a : attempts) {
            if (a.mode() != AttemptMode.SKETCH) {
                continue;
            }
            any = true;
            sketches += a.samples();
            store.attempts().holes(a.id()).forEach(h -> holes.merge(h.status(), 1, Integer::sum));
        }
        if (!any) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        holes.forEach((status, n) -> parts.add(n + " " + switch (status) {
            case PROVED -> "proved";
            case CACHED -> "from the cache";
            case FAILED -> "failed";
            case SKIPPED -> "not tried";
        }));
        return sketches + (sketches == 1 ? " sketch" : " sketches") + "; holes: " + (parts.isEmpty() ? "none" : String.join(", ", parts));
    }

    /** The holes of a sketch attempt, by sketch and hole. */
    public List<SketchHole> holes(Attempt attempt) {
        return store.attempts().holes(attempt.id());
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
