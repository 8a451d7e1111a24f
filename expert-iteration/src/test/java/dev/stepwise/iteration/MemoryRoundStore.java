package dev.stepwise.iteration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A round store in memory, for tests, that can be armed to "kill" the process (throw an Error no
 * code catches) at a chosen moment: before a stage's work begins, or after its work is done but
 * before its completion is recorded.
 */
final class MemoryRoundStore implements RoundStore {

    /** Stands for kill -9: nothing after it runs, nothing records it. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed(String where) {
            super("killed " + where);
        }
    }

    enum KillPoint {
        AT_BEGIN,
        BEFORE_COMPLETE
    }

    private final Map<Integer, RoundRecord> rounds = new TreeMap<>();
    private final Map<Integer, Filtered> examples = new TreeMap<>();
    private Stage killStage;
    private KillPoint killPoint;

    void killAt(Stage stage, KillPoint point) {
        this.killStage = stage;
        this.killPoint = point;
    }

    @Override
    public RoundRecord start(int number, String pool, String configJson, String currentModel, Instant at) {
        if (rounds.containsKey(number)) {
            throw new IterationException(IterationException.Kind.USAGE, "round " + number + " exists");
        }
        rounds.put(number, new RoundRecord(number, pool, configJson, Stage.SELECT, RoundStatus.RUNNING, currentModel, null, null,
                null, at, null, List.of()));
        return rounds.get(number);
    }

    private RoundRecord with(RoundRecord r, Stage stage, RoundStatus status, String candidate, PromotionDecision decision,
            String error, Instant ended, List<StageRecord> stages) {
        return new RoundRecord(r.number(), r.pool(), r.configJson(), stage, status, r.currentModel(), candidate, decision, error,
                r.startedAt(), ended, stages);
    }

    @Override
    public void resume(int number) {
        RoundRecord r = rounds.get(number);
        rounds.put(number, with(r, r.stage(), RoundStatus.RUNNING, r.candidateModel(), r.decision(), null, null, r.stages()));
    }

    @Override
    public void beginStage(int number, Stage stage, Instant at) {
        if (stage == killStage && killPoint == KillPoint.AT_BEGIN) {
            killStage = null;
            throw new Killed("at the beginning of " + stage);
        }
        RoundRecord r = rounds.get(number);
        List<StageRecord> stages = new ArrayList<>(r.stages().stream().filter(s -> s.stage() != stage).toList());
        stages.add(new StageRecord(stage, RoundStatus.RUNNING, null, at, null));
        rounds.put(number, with(r, stage, r.status(), r.candidateModel(), r.decision(), r.error(), r.endedAt(), stages));
    }

    @Override
    public void completeStage(int number, Stage stage, String summary, Instant at) {
        if (stage == killStage && killPoint == KillPoint.BEFORE_COMPLETE) {
            killStage = null;
            throw new Killed("after the work of " + stage);
        }
        RoundRecord r = rounds.get(number);
        List<StageRecord> stages = new ArrayList<>(r.stages().stream()
                .map(s -> s.stage() == stage ? new StageRecord(stage, RoundStatus.COMPLETED, summary, s.startedAt(), at) : s).toList());
        rounds.put(number, with(r, stage, r.status(), r.candidateModel(), r.decision(), r.error(), r.endedAt(), stages));
    }

    @Override
    public void setCandidate(int number, String candidateModel) {
        RoundRecord r = rounds.get(number);
        rounds.put(number, with(r, r.stage(), r.status(), candidateModel, r.decision(), r.error(), r.endedAt(), r.stages()));
    }

    @Override
    public void decide(int number, PromotionDecision decision) {
        RoundRecord r = rounds.get(number);
        rounds.put(number, with(r, r.stage(), r.status(), r.candidateModel(), decision, r.error(), r.endedAt(), r.stages()));
    }

    @Override
    public void complete(int number, Instant at) {
        RoundRecord r = rounds.get(number);
        rounds.put(number, with(r, r.stage(), RoundStatus.COMPLETED, r.candidateModel(), r.decision(), null, at, r.stages()));
    }

    @Override
    public void fail(int number, String error, Instant at) {
        RoundRecord r = rounds.get(number);
        List<StageRecord> stages = r.stages().stream()
                .map(s -> s.status() == RoundStatus.RUNNING ? new StageRecord(s.stage(), RoundStatus.FAILED, error, s.startedAt(), at) : s)
                .toList();
        rounds.put(number, with(r, r.stage(), RoundStatus.FAILED, r.candidateModel(), r.decision(), error, at, stages));
    }

    @Override
    public Optional<RoundRecord> find(int number) {
        return Optional.ofNullable(rounds.get(number));
    }

    @Override
    public List<RoundRecord> list() {
        return List.copyOf(rounds.values());
    }

    @Override
    public void recordExamples(int number, Filtered filtered) {
        examples.put(number, filtered);
    }

    @Override
    public Set<String> keptHashesBefore(int number) {
        Set<String> out = new HashSet<>();
        examples.forEach((n, f) -> {
            if (n < number) {
                f.kept().forEach(e -> out.add(e.contentHash()));
            }
        });
        return out;
    }

    Filtered examples(int number) {
        return examples.get(number);
    }
}
