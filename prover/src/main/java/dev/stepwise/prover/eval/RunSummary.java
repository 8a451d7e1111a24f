package dev.stepwise.prover.eval;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Solved counts and pass rates of a run, overall and by problem family, computed from its rows. */
public record RunSummary(int solved, int total, int failed, int statementErrors, Map<String, FamilyCount> byFamily,
        double meanExpansionsSolved, Duration meanTimeSolved) {

    /** Solved and total of one family. */
    public record FamilyCount(int solved, int total) {
        public double passRate() {
            return total == 0 ? 0 : (double) solved / total;
        }
    }

    /** A run whose statements all elaborated. */
    public RunSummary(int solved, int total, int failed, Map<String, FamilyCount> byFamily, double meanExpansionsSolved,
            Duration meanTimeSolved) {
        this(solved, total, failed, 0, byFamily, meanExpansionsSolved, meanTimeSolved);
    }

    public RunSummary {
        byFamily = Map.copyOf(byFamily);
    }

    public static RunSummary of(List<ProblemResult> results) {
        List<ProblemResult> solved = results.stream().filter(ProblemResult::proved).toList();
        Map<String, List<ProblemResult>> groups = results.stream()
                .collect(Collectors.groupingBy(ProblemResult::family, TreeMap::new, Collectors.toList()));
        Map<String, FamilyCount> families = new TreeMap<>();
        groups.forEach((family, rows) -> families.put(family,
                new FamilyCount((int) rows.stream().filter(ProblemResult::proved).count(), rows.size())));
        double meanExpansions = solved.stream().mapToLong(ProblemResult::expansions).average().orElse(0);
        long meanMillis = Math.round(solved.stream().mapToLong(r -> r.time().toMillis()).average().orElse(0));
        int failed = (int) results.stream().filter(r -> r.outcome() == ProblemResult.Outcome.FAILED).count();
        int statementErrors = (int) results.stream().filter(r -> r.outcome() == ProblemResult.Outcome.STATEMENT_ERROR).count();
        return new RunSummary(solved.size(), results.size(), failed, statementErrors, families, meanExpansions,
                Duration.ofMillis(meanMillis));
    }

    public double passRate() {
        return total == 0 ? 0 : (double) solved / total;
    }

    /** Families in a stable order (most problems first), for tables. */
    public List<Map.Entry<String, FamilyCount>> familiesBySize() {
        return byFamily.entrySet().stream()
                .sorted(Map.Entry.<String, FamilyCount>comparingByValue(
                        java.util.Comparator.comparingInt(FamilyCount::total)).reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }
}
