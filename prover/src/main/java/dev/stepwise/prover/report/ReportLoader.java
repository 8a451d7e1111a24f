package dev.stepwise.prover.report;

import dev.stepwise.search.AttemptMode;
import dev.stepwise.prover.eval.StoredRun;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.search.RecordedTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Builds a report's data from a stored run. The report reads eval's view of the store; eval
 * knows nothing of reports, so dependencies run one way.
 */
public final class ReportLoader {
    private ReportLoader() {
    }

    /** The report of the run: every problem with the tree of its winning (or else largest) attempt. */
    public static ReportData read(StoredRun run) {
        List<ReportData.ProblemPage> pages = new ArrayList<>();
        for (StoredRun.StoredProblem p : run.problems()) {
            Optional<Attempt> shown = shownAttempt(p.attempts());
            RecordedTree tree = shown.map(run::tree).orElse(RecordedTree.empty());
            List<ReportData.AttemptLine> lines = p.attempts().stream().map(a -> new ReportData.AttemptLine(a.index(), a.mode(),
                    a.samples(), a.revisions(), a.counts().expansions(), a.proved() ? "proved"
                            : a.failure().map(f -> f.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                                    + (f.detail().isEmpty() ? "" : ": " + f.detail())).orElse("no proof"))).toList();
            pages.add(new ReportData.ProblemPage(p.row().problem().header(), p.row().problem().formalStatement(), p.result(),
                    tree, lines, shown.map(Attempt::mode).orElse(AttemptMode.STEP)));
        }
        return new ReportData(run.info(), pages);
    }

    private static Optional<Attempt> shownAttempt(List<Attempt> attempts) {
        return attempts.stream().filter(Attempt::proved).findFirst()
                .or(() -> attempts.stream().max(Comparator.comparingInt(a -> a.counts().expansions())));
    }
}
