package dev.stepwise.prover.eval;

import dev.stepwise.prover.report.ReportData;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.AttemptOutcome;
import dev.stepwise.prover.store.ProblemStatus;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.Simulation;
import dev.stepwise.prover.store.Store;
import dev.stepwise.search.RecordedTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A run as read back from the store: its description and one {@link ProblemResult} per problem.
 * Results files, tables, comparisons and reports are all computed from here, so a resumed run and
 * an uninterrupted one print the same thing.
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
                run.simulation() == Simulation.SIMULATED);
    }

    public List<ProblemResult> results() {
        Map<String, List<Attempt>> attempts = attemptsByProblem();
        List<ProblemResult> out = new ArrayList<>();
        for (RunProblem p : store.problems().list(run.id())) {
            out.add(result(p, attempts.getOrDefault(p.problem().name(), List.of())));
        }
        return out;
    }

    /** The report of the run: every problem with the tree of its winning (or else largest) attempt. */
    public ReportData report() {
        Map<String, List<Attempt>> attempts = attemptsByProblem();
        List<ReportData.ProblemPage> pages = new ArrayList<>();
        for (RunProblem p : store.problems().list(run.id())) {
            List<Attempt> mine = attempts.getOrDefault(p.problem().name(), List.of());
            ProblemResult result = result(p, mine);
            RecordedTree tree = shownAttempt(mine).map(a -> store.attempts().tree(a.id())).orElse(RecordedTree.empty());
            pages.add(new ReportData.ProblemPage(p.problem().header(), p.problem().formalStatement(), result, tree));
        }
        return new ReportData(info(), pages);
    }

    private Map<String, List<Attempt>> attemptsByProblem() {
        return store.attempts().forRun(run.id()).stream()
                .collect(Collectors.groupingBy(Attempt::problem, LinkedHashMap::new, Collectors.toList()));
    }

    private static Optional<Attempt> shownAttempt(List<Attempt> attempts) {
        return attempts.stream().filter(a -> a.outcome() instanceof AttemptOutcome.ProofFound).findFirst()
                .or(() -> attempts.stream().max(Comparator.comparingInt(a -> a.counts().expansions())));
    }

    static ProblemResult result(RunProblem p, List<Attempt> attempts) {
        String name = p.problem().name();
        long expansions = attempts.stream().mapToLong(a -> a.counts().expansions()).sum();
        long tactics = attempts.stream().mapToLong(a -> a.counts().tacticCalls()).sum();
        long tokens = attempts.stream().mapToLong(a -> a.counts().policyTokens()).sum();
        Duration time = p.startedAt() != null && p.endedAt() != null ? Duration.between(p.startedAt(), p.endedAt())
                : attempts.stream().map(a -> a.timings().wall()).reduce(Duration.ZERO, Duration::plus);
        Optional<AttemptOutcome.ProofFound> found = attempts.stream().map(Attempt::outcome)
                .filter(o -> o instanceof AttemptOutcome.ProofFound).map(o -> (AttemptOutcome.ProofFound) o).findFirst();
        ProblemResult.Outcome outcome = switch (p.status()) {
            case PROVED -> ProblemResult.Outcome.PROVED;
            case UNPROVED -> ProblemResult.Outcome.UNPROVED;
            case PENDING, RUNNING, ERROR -> ProblemResult.Outcome.FAILED;
        };
        String verdict;
        List<String> proof = List.of();
        if (outcome == ProblemResult.Outcome.PROVED && found.isPresent()) {
            proof = found.get().proof().tactics();
            List<String> axioms = found.get().proof().verdict().axioms();
            verdict = "accepted by the gate; axioms: " + (axioms.isEmpty() ? "none" : String.join(", ", axioms));
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
        Map<String, Long> reasons = attempts.stream().map(Attempt::outcome)
                .filter(o -> o instanceof AttemptOutcome.NoProof).map(o -> ((AttemptOutcome.NoProof) o).reason().code())
                .collect(Collectors.groupingBy(r -> r, LinkedHashMap::new, Collectors.counting()));
        if (reasons.isEmpty()) {
            return "no attempt recorded";
        }
        return reasons.entrySet().stream().map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
