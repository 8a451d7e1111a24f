package dev.stepwise.iteration;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Human-readable views of rounds: the table of {@code stepwise rounds list}, the detail of
 * {@code stepwise rounds show N}, and the markdown summary written at the end of each round
 * (with a bar chart of statements solved per round).
 */
public final class RoundReport {
    private static final int BAR_WIDTH = 40;

    private final RoundStore store;
    private final Path roundsDir;
    private final ObjectMapper json;

    /** @param dataDir the data directory rounds run in ({@code iterate.data-dir}) */
    public RoundReport(RoundStore store, Path dataDir, ObjectMapper json) {
        this.store = Objects.requireNonNull(store, "store");
        this.roundsDir = RoundServices.roundsDir(dataDir);
        this.json = Objects.requireNonNull(json, "json");
    }

    private RoundFiles files(int number) {
        return new RoundFiles(roundsDir, number, json);
    }

    public String list() {
        List<RoundRecord> rounds = store.list();
        if (rounds.isEmpty()) {
            return "no rounds yet; start one with 'stepwise iterate --pool DATASET --next'\n";
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-6s %-10s %-9s %-8s %-22s %-22s %s%n", "round", "status",
                "stage", "proved", "model at start", "candidate", "decision"));
        for (RoundRecord r : rounds) {
            b.append(String.format(Locale.ROOT, "%-6d %-10s %-9s %-8s %-22s %-22s %s%n", r.number(), lower(r.status()),
                    r.stage().code(), proved(r.number()), r.currentModel(), r.candidateModel() == null ? "-" : r.candidateModel(),
                    r.decision() == null ? "-" : decisionLine(r.decision())));
        }
        return b.toString();
    }

    /** The markdown summary of a round, also written to its directory at the end of the round. */
    public String show(RoundRecord r) {
        StringBuilder b = new StringBuilder();
        b.append("# Round ").append(r.number()).append("\n\n");
        b.append("- status: ").append(lower(r.status())).append(" (stage ").append(r.stage().code()).append(")\n");
        b.append("- pool: ").append(r.pool()).append('\n');
        b.append("- model in service at the start: ").append(r.currentModel()).append('\n');
        b.append("- candidate: ").append(r.candidateModel() == null ? "none yet" : r.candidateModel()).append('\n');
        if (r.decision() != null) {
            b.append("- decision: ").append(r.decision().reason()).append('\n');
        }
        if (r.error() != null) {
            b.append("- error: ").append(r.error()).append('\n');
        }
        b.append('\n');
        b.append("## Stages\n\n| stage | status | summary |\n|---|---|---|\n");
        for (StageRecord s : r.stages()) {
            b.append("| ").append(s.stage().code()).append(" | ").append(lower(s.status())).append(" | ")
                    .append(s.summary() == null ? "" : s.summary().replace("|", "\\|")).append(" |\n");
        }
        b.append("\n## Statements proved per round\n\n```\n");
        List<RoundRecord> rounds = store.list().stream().filter(x -> x.number() <= r.number()).toList();
        List<String> proved = rounds.stream().map(x -> proved(x.number())).toList();
        int max = proved.stream().filter(p -> !p.equals("-")).mapToInt(Integer::parseInt).max().orElse(0);
        int total = 0;
        for (int i = 0; i < rounds.size(); i++) {
            String p = proved.get(i);
            int n = p.equals("-") ? 0 : Integer.parseInt(p);
            total += n;
            int width = max == 0 ? 0 : (int) Math.round(BAR_WIDTH * (double) n / max);
            b.append(String.format(Locale.ROOT, "round %3d | %-" + BAR_WIDTH + "s %4s  (total %d)%n", rounds.get(i).number(),
                    "#".repeat(width), p, total));
        }
        b.append("```\n");
        return b.toString();
    }

    /** The round's directory, where its files and summary are. */
    public Path directory(int number) {
        return files(number).dir();
    }

    /** Writes the summary of a round whose every stage is complete, as it stands once completed. */
    void writeSummary(RoundRecord r) {
        RoundRecord done = new RoundRecord(r.number(), r.pool(), r.configJson(), r.stage(), RoundStatus.COMPLETED, r.currentModel(),
                r.candidateModel(), r.decision(), null, r.startedAt(), r.endedAt(), r.stages());
        RoundFiles files = files(r.number());
        try {
            Files.createDirectories(files.dir());
            Exporter.writeAtomically(files.path(RoundFiles.SUMMARY), out -> out.write(show(done)));
        } catch (IOException e) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "cannot write " + files.path(RoundFiles.SUMMARY) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Statements the round's search proved, or "-" before its search completed. */
    private String proved(int number) {
        RoundFiles files = files(number);
        if (!Files.exists(files.path(RoundFiles.SEARCH))) {
            return "-";
        }
        return Integer.toString(files.read(RoundFiles.SEARCH, StageOutputs.SearchOutput.class).proved().size());
    }

    private static String decisionLine(PromotionDecision d) {
        return String.format(Locale.ROOT, "%s (%.3f -> %.3f)", lower(d.promotion()).replace('_', '-'), d.currentPassRate(),
                d.candidatePassRate());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
