package dev.stepwise.prover.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a run's {@code results.jsonl} (one row per problem) and {@code results.md} (the summary
 * table and the per-problem table) into {@code RUNS_DIR/RUN/}. Files are written to a temporary
 * name and moved into place, so a crash never leaves half a results file.
 */
public final class ResultsFiles implements ResultsOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runsDir;

    private ResultsFiles(Path runsDir) {
        this.runsDir = runsDir;
    }

    /** @param runsDir the directory that holds one directory per run ({@code store.runs-dir}) */
    public static ResultsFiles under(Path runsDir) {
        return new ResultsFiles(runsDir);
    }

    @Override
    public List<Path> write(String runName, RunInfo info, List<ProblemResult> results) {
        Path dir = runsDir.resolve(runName);
        write(dir, info, results);
        return List.of(dir.resolve("results.jsonl"), dir.resolve("results.md"));
    }

    static void write(Path dir, RunInfo info, List<ProblemResult> results) {
        try {
            Files.createDirectories(dir);
            StringBuilder jsonl = new StringBuilder();
            for (ProblemResult r : results) {
                jsonl.append(JSON.writeValueAsString(row(info, r))).append('\n');
            }
            AtomicWrite.text(dir.resolve("results.jsonl"), jsonl.toString());
            AtomicWrite.text(dir.resolve("results.md"), markdown(info, results));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir, e);
        }
    }

    static ObjectNode row(RunInfo info, ProblemResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("run", info.runId());
        o.put("problem", r.name());
        o.put("family", r.family());
        o.put("proved", r.proved());
        o.put("outcome", r.outcome().code());
        o.putPOJO("proof", r.proof());
        o.put("attempts", r.attempts());
        o.put("expansions", r.expansions());
        o.put("tactic_calls", r.tacticCalls());
        o.put("tokens", r.tokens());
        o.put("seconds", r.time().toMillis() / 1000.0);
        o.put("verdict", r.verdict());
        o.put("mode", StoredRun.modeCodes(info.mode()));
        if (!r.sketches().isEmpty()) {
            o.put("sketches", r.sketches());
        }
        o.put("simulated", info.simulated());
        if (!info.leanMismatch().isEmpty()) {
            o.put("lean_mismatch", info.leanMismatch());
        }
        return o;
    }

    /** The summary block shared by {@code results.md} and the end of {@code stepwise eval}. */
    public static String summary(RunInfo info, RunSummary s) {
        StringBuilder md = new StringBuilder();
        md.append("| | |\n|---|---|\n");
        md.append("| run | ").append(info.runId()).append(info.simulated() ? " (**simulated**)" : "").append(" |\n");
        md.append("| dataset | ").append(info.dataset()).append(" |\n");
        if (!info.leanMismatch().isEmpty()) {
            md.append("| **version mismatch** | ").append(info.leanMismatch()).append(" |\n");
        }
        md.append(String.format(Locale.ROOT, "| solved | **%d / %d (%.1f%%)** |%n", s.solved(), s.total(), 100 * s.passRate()));
        if (s.statementErrors() > 0) {
            md.append("| statement errors (Lean did not elaborate them; not unproved) | ").append(s.statementErrors()).append(" |\n");
        }
        if (s.failed() > 0) {
            md.append("| failed (retried on resume) | ").append(s.failed()).append(" |\n");
        }
        md.append("| mode | ").append(info.mode()).append(" |\n");
        md.append("| budget (A×W×N) | ").append(info.budget()).append(" |\n");
        md.append("| α | ").append(info.alphas().stream().map(a -> String.format(Locale.ROOT, "%.2f", a)).toList())
                .append(" |\n");
        md.append(String.format(Locale.ROOT, "| temperature | %.2f |%n", info.temperature()));
        md.append("| model | ").append(info.model()).append(" |\n");
        md.append("| Lean / Mathlib | ").append(info.leanVersion()).append(" / ").append(info.mathlibVersion()).append(" |\n");
        md.append(String.format(Locale.ROOT, "| mean expansions (solved) | %.1f |%n", s.meanExpansionsSolved()));
        md.append(String.format(Locale.ROOT, "| mean time (solved) | %.1f s |%n", s.meanTimeSolved().toMillis() / 1000.0));
        md.append("\n| family | solved | total | pass rate |\n|---|---:|---:|---:|\n");
        for (var e : s.familiesBySize()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f%% |%n", e.getKey(), e.getValue().solved(),
                    e.getValue().total(), 100 * e.getValue().passRate()));
        }
        return md.toString();
    }

    static String markdown(RunInfo info, List<ProblemResult> results) {
        StringBuilder md = new StringBuilder();
        md.append("# Results of run ").append(info.runId()).append(info.simulated() ? " (SIMULATED: no real Lean or model)" : "")
                .append(info.leanMismatch().isEmpty() ? "" : " (VERSION MISMATCH)").append("\n\n");
        md.append(summary(info, RunSummary.of(results)));
        md.append("\n## Problems\n\n| problem | outcome | attempts | expansions | tactic calls | tokens | time | verdict |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---|\n");
        for (ProblemResult r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %.1f s | %s |%n", r.name(),
                    r.outcome().code(), r.attempts(), r.expansions(), r.tacticCalls(), r.tokens(),
                    r.time().toMillis() / 1000.0, (r.verdict() + (r.sketches().isEmpty() ? "" : " (" + r.sketches() + ")"))
                            .replace("|", "\\|").replace("\n", " ")));
        }
        return md.toString();
    }

}
