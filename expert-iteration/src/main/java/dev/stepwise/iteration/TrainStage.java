package dev.stepwise.iteration;

import dev.stepwise.search.files.FileTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the training data (this round's, or every round's so far when retraining from the base
 * model), renders the trainer's configuration and runs the trainer command. The trainer's output
 * directory is cleared first, so a trainer killed half way never leaves a checkpoint that looks done.
 */
final class TrainStage implements StageStep {
    static final String LOG = "train.log";
    static final String CONFIG = "trl.yaml";
    static final String MODEL_DIR = "model";
    /** The training data of this round's training, one file per split. */
    static final String DATA_DIR = "data";

    @Override
    public String run(RoundContext round) {
        TrainerSettings t = round.settings().trainer();
        ExportFormat format = t.method() == TrainingChoices.Method.DPO ? ExportFormat.DPO : ExportFormat.SFT;
        Path dir = round.files().path(RoundFiles.TRAIN_DIR);
        Path output = dir.resolve(MODEL_DIR);
        try {
            Files.createDirectories(dir);
            FileTree.delete(output);
            Files.deleteIfExists(dir.resolve(RoundFiles.CHECKPOINT));
            Files.deleteIfExists(dir.resolve(LOG));
            List<Integer> rounds = dataRounds(round, t.mode());
            // A directory of its own: the datasets library takes every file under it with a split name in it.
            Path data = dir.resolve(DATA_DIR);
            FileTree.delete(data);
            Files.createDirectories(data);
            Path trainFile = data.resolve(TrlConfig.TRAIN_FILE);
            Path validFile = data.resolve(TrlConfig.EVAL_FILE);
            int trainLines = concat(round, rounds, format.fileName(Split.TRAIN), trainFile);
            if (trainLines == 0) {
                throw new IterationException(IterationException.Kind.STAGE, "no " + format.code() + " training examples in round"
                        + (rounds.size() == 1 ? " " : "s ") + rounds + "; nothing to train on");
            }
            int validLines = concat(round, rounds, format.fileName(Split.VALID), validFile);
            if (validLines == 0) {
                // An empty file would make an empty split, which the trainer cannot evaluate on.
                Files.delete(validFile);
            }
            String initModel = initModel(round, t.mode());
            Path config = dir.resolve(CONFIG);
            Files.writeString(config, new TrlConfig(round.services().json()).render(t, round.services().renderer().trainingFormat(),
                    round.number(), initModel, data, validLines, output), StandardCharsets.UTF_8);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("config", config.toString());
            values.put("train_file", trainFile.toString());
            values.put("valid_file", validFile.toString());
            values.put("base_model", round.settings().baseModel());
            values.put("init_model", initModel);
            values.put("output_dir", output.toString());
            values.put("round", Integer.toString(round.number()));
            values.put("method", TrlConfig.method(t));
            values.put("gpus", Integer.toString(t.gpus()));
            String command = TrainerLauncher.render(t.launchCommand(), values);
            round.services().trainer().run(command, dir, dir.resolve(LOG));
            ModelServing.Checkpoint checkpoint = new ModelServing.Checkpoint("stepwise-round-" + round.number(), output);
            round.files().write(RoundFiles.TRAIN_DIR + "/" + RoundFiles.CHECKPOINT, checkpoint);
            round.services().store().setCandidate(round.number(), checkpoint.name());
            return "trained " + checkpoint.name() + " (" + t.method().name().toLowerCase(java.util.Locale.ROOT) + ", "
                    + t.finetune().name().toLowerCase(java.util.Locale.ROOT) + ") on " + trainLines + " examples of round"
                    + (rounds.size() == 1 ? " " : "s ") + rounds + " from " + initModel;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the training data in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The rounds whose exports this round trains on. */
    private static List<Integer> dataRounds(RoundContext round, TrainingChoices.Mode mode) {
        return switch (mode) {
            case CONTINUE -> List.of(round.number());
            case RETRAIN_FROM_BASE -> {
                List<Integer> out = new ArrayList<>();
                for (RoundRecord r : round.services().store().list()) {
                    if (r.number() < round.number() && r.completed(Stage.EXPORT)) {
                        out.add(r.number());
                    }
                }
                out.add(round.number());
                yield out;
            }
        };
    }

    private static String initModel(RoundContext round, TrainingChoices.Mode mode) {
        return switch (mode) {
            case RETRAIN_FROM_BASE -> round.settings().baseModel();
            case CONTINUE -> round.lineage().promoting(round.number())
                    .map(r -> round.services().files(r.number())
                            .read(RoundFiles.TRAIN_DIR + "/" + RoundFiles.CHECKPOINT, ModelServing.Checkpoint.class).path().toString())
                    .orElse(round.settings().baseModel());
        };
    }

    private static int concat(RoundContext round, List<Integer> rounds, String name, Path target) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int n : rounds) {
            Path file = round.services().files(n).path(RoundFiles.EXPORT_DIR).resolve(name);
            if (Files.exists(file)) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        Exporter.writeAtomically(target, out -> {
            for (String l : lines) {
                out.write(l);
                out.write('\n');
            }
        });
        return lines.size();
    }
}
