package dev.stepwise.iteration;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one round as a persisted state machine: each stage is recorded when it begins and when it
 * completes, completed stages are skipped on resume, and a stage that throws marks the round
 * failed with its message. The data directory is locked for the whole round.
 */
public final class RoundRunner {
    private final RoundServices services;
    private final Map<Stage, StageStep> steps = new EnumMap<>(Stage.class);

    public RoundRunner(RoundServices services) {
        this.services = Objects.requireNonNull(services, "services");
        steps.put(Stage.SELECT, new SelectStage());
        steps.put(Stage.SEARCH, new SearchStage());
        steps.put(Stage.HARVEST, new HarvestStage());
        steps.put(Stage.CONJECTURE, new ConjectureStage());
        steps.put(Stage.FILTER, new FilterStage());
        steps.put(Stage.EXPORT, new ExportStage());
        steps.put(Stage.THOUGHTS, new ThoughtsStage());
        steps.put(Stage.TRAIN, new TrainStage());
        steps.put(Stage.EVALUATE, new EvaluateStage());
        steps.put(Stage.PROMOTE, new PromoteStage());
    }

    /** Runs (or resumes) the round and returns it as recorded at the end. */
    public RoundRecord run(RoundRequest request) {
        try (RoundLock lock = RoundLock.acquire(services.dataDir())) {
            RoundRecord round = switch (request.resume()) {
                case NEW -> startNew(request);
                case RESUME -> resume(request);
            };
            // A resumed round keeps the settings it started with, except how the trainer is launched:
            // that belongs to the machine, and fixing it is the usual reason to resume.
            RoundSettings settings = readSettings(round.configJson()).withTrainerCommand(request.settings().trainer().command());
            RoundContext ctx = new RoundContext(round.number(), round.pool(), request.poolProblems(), settings, round.configJson(),
                    round.currentModel(), services, services.files(round.number()));
            for (Stage stage : Stage.values()) {
                if (round.completed(stage)) {
                    continue;
                }
                services.store().beginStage(round.number(), stage, services.clock().instant());
                String summary;
                try {
                    summary = steps.get(stage).run(ctx);
                } catch (RuntimeException e) {
                    String message = e.getMessage() == null ? e.toString() : e.getMessage();
                    services.store().fail(round.number(), message, services.clock().instant());
                    throw new IterationException(e instanceof IterationException ie && ie.kind() == IterationException.Kind.USAGE
                            ? IterationException.Kind.USAGE : IterationException.Kind.STAGE,
                            "round " + round.number() + " failed in stage " + stage.code() + ": " + message
                                    + " (fix it and run 'stepwise iterate --resume')", e);
                }
                services.store().completeStage(round.number(), stage, summary, services.clock().instant());
            }
            RoundRecord done = services.store().find(round.number()).orElseThrow();
            new RoundReport(services.store(), services.dataDir(), services.json()).writeSummary(done);
            services.store().complete(round.number(), services.clock().instant());
            return services.store().find(round.number()).orElseThrow();
        }
    }

    private RoundRecord startNew(RoundRequest request) {
        List<RoundRecord> rounds = services.store().list();
        for (RoundRecord r : rounds) {
            if (r.status() != RoundStatus.COMPLETED) {
                throw new IterationException(IterationException.Kind.USAGE, "round " + r.number() + " is unfinished ("
                        + r.status().name().toLowerCase(java.util.Locale.ROOT) + " in stage " + r.stage().code()
                        + "); continue it with 'stepwise iterate --resume' first");
            }
        }
        int next = rounds.stream().mapToInt(RoundRecord::number).max().orElse(0) + 1;
        int number = request.number() == 0 ? next : request.number();
        if (number != next) {
            throw new IterationException(IterationException.Kind.USAGE, "the next round is " + next + ", not " + number
                    + " (rounds run in order; use --next)");
        }
        if (request.poolProblems().isEmpty()) {
            throw new IterationException(IterationException.Kind.USAGE, "pool " + request.pool() + " has no statements");
        }
        String model = new Lineage(services).currentModel(number, request.settings().baseModel());
        return services.store().start(number, request.pool(), writeSettings(request.settings()), model, services.clock().instant());
    }

    private RoundRecord resume(RoundRequest request) {
        List<RoundRecord> unfinished = services.store().list().stream().filter(r -> r.status() != RoundStatus.COMPLETED).toList();
        RoundRecord round;
        if (request.number() == 0) {
            if (unfinished.isEmpty()) {
                throw new IterationException(IterationException.Kind.USAGE, "no unfinished round to resume");
            }
            round = unfinished.getLast();
        } else {
            round = services.store().find(request.number()).orElseThrow(() -> new IterationException(IterationException.Kind.USAGE,
                    "there is no round " + request.number() + " to resume"));
            if (round.status() == RoundStatus.COMPLETED) {
                throw new IterationException(IterationException.Kind.USAGE, "round " + round.number() + " is already complete");
            }
        }
        services.store().resume(round.number());
        return services.store().find(round.number()).orElseThrow();
    }

    private String writeSettings(RoundSettings settings) {
        try {
            return services.json().writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("round settings always serialise", e);
        }
    }

    private RoundSettings readSettings(String configJson) {
        try {
            return services.json().readValue(configJson, RoundSettings.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(new java.io.IOException("the stored settings of the round cannot be read: "
                    + e.getOriginalMessage(), e));
        }
    }
}
