package dev.stepwise.prover.sim.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The simulated trainer: reads a JSONL training file of {@code prompt}/{@code completion} pairs
 * (or DPO's {@code chosen}/{@code rejected}) and writes a simulated adapter holding them and the
 * training settings; the simulated model server turns them into skill levels when it loads the
 * adapter. It trains nothing; what it writes says so. With {@link TrainedAdapter.Effect#SHUFFLED}
 * it sabotages itself: the tactics are shuffled across prompts before they are stored.
 */
public final class SimulatedTrainer {
    private final ObjectMapper json = new ObjectMapper();
    private final AdapterFile adapters = new AdapterFile();

    /** What a run wrote. */
    public record Result(int examples, int distinctPrompts, Path adapterDir) {
        /** The line both ways of running the trainer print ({@code stepwise sim train} and {@link SimulatedTrainerMain}). */
        public String summary(String baseModel) {
            return String.format("SIMULATED training: %d examples (%d distinct prompts) -> adapter %s for %s", examples,
                    distinctPrompts, adapterDir, baseModel);
        }
    }

    /** A training file that cannot be used; the message names the file and line. */
    /**
     * One example from a row in any of the exported formats: prompt/completion (SFT, text or
     * conversational), messages (chat SFT: the last user's content and the assistant's), prompt/chosen/rejected
     * (preference pairs: the chosen tactic).
     */
    private static TrainedAdapter.Pair example(JsonNode row, String where) {
        if (row != null && row.path("prompt").isTextual() && row.path("completion").isTextual()) {
            return new TrainedAdapter.Pair(row.get("prompt").textValue(), row.get("completion").textValue());
        }
        if (row != null && row.path("prompt").isTextual() && row.path("chosen").isTextual()) {
            return new TrainedAdapter.Pair(row.get("prompt").textValue(), row.get("chosen").textValue(),
                    row.path("rejected").isTextual() ? row.get("rejected").textValue() : null);
        }
        // TRL's conversational prompt-completion (a whole-proof chat model's examples): the conversation's
        // messages, then the assistant's; read as the messages below, the last user turn and the reply
        if (row != null && row.path("prompt").isArray() && row.path("completion").isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode all = row.get("prompt").deepCopy();
            row.get("completion").forEach(all::add);
            row = new ObjectMapper().createObjectNode().set("messages", all);
        }
        if (row != null && row.path("messages").isArray()) {
            String user = null;
            String assistant = null;
            for (JsonNode m : row.get("messages")) {
                switch (m.path("role").asText()) {
                    case "user" -> user = m.path("content").asText();
                    case "assistant" -> assistant = m.path("content").asText();
                    default -> { }
                }
            }
            if (user != null && assistant != null) {
                return new TrainedAdapter.Pair(user, assistant);
            }
        }
        throw new BadTrainingFile(where + ": expected string fields \"prompt\" and \"completion\" (or \"chosen\"),"
                + " or \"messages\" (or a conversational \"prompt\" and \"completion\") with a user and an assistant turn");
    }

    public static final class BadTrainingFile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadTrainingFile(String message) {
            super(message);
        }
    }

    /** Trains with the default settings (three epochs at 2e-5, SFT, learning). */
    public Result train(Path trainFile, String baseModel, Path initModel, Path outputDir, double strength) {
        return train(trainFile, baseModel, initModel, outputDir, strength, Options.defaults());
    }

    /**
     * How to train: the settings (a seed of 0 means one derived from the examples, so the same data
     * always trains the same way).
     */
    public record Options(int epochs, double learningRate, TrainedAdapter.Method method, long seed, TrainedAdapter.Effect effect) {
        public static Options defaults() {
            TrainedAdapter.Training d = TrainedAdapter.Training.defaults();
            return new Options(d.epochs(), d.learningRate(), d.method(), 0, d.effect());
        }

        public Options withEpochs(int e) {
            return new Options(e, learningRate, method, seed, effect);
        }

        public Options withLearningRate(double lr) {
            return new Options(epochs, lr, method, seed, effect);
        }

        public Options withMethod(TrainedAdapter.Method m) {
            return new Options(epochs, learningRate, m, seed, effect);
        }

        public Options withSeed(long s) {
            return new Options(epochs, learningRate, method, s, effect);
        }

        public Options withEffect(TrainedAdapter.Effect e) {
            return new Options(epochs, learningRate, method, seed, e);
        }

        /**
         * These options with the epochs and learning rate of a TRL configuration the round wrote
         * ({@code num_train_epochs: N}, {@code learning_rate: X}); keys it lacks keep their value.
         */
        public Options withTrlConfig(Path config) {
            List<String> lines;
            try {
                lines = Files.readAllLines(config, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new BadTrainingFile(config + ": no such trainer configuration");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + config, e);
            }
            Options out = this;
            for (String line : lines) {
                String[] kv = line.split(":", 2);
                if (kv.length < 2) {
                    continue;
                }
                String value = kv[1].strip();
                try {
                    switch (kv[0].strip()) {
                        case "num_train_epochs" -> out = out.withEpochs(Integer.parseInt(value));
                        case "learning_rate" -> out = out.withLearningRate(Double.parseDouble(value));
                        default -> { }
                    }
                } catch (NumberFormatException e) {
                    throw new BadTrainingFile(config + ": " + kv[0].strip() + " is not a number: " + value);
                }
            }
            return out;
        }
    }

    /**
     * @param initModel an earlier simulated adapter to continue from (its pairs are kept), or null
     */
    public Result train(Path trainFile, String baseModel, Path initModel, Path outputDir, double strength, Options options) {
        List<String> lines;
        try {
            lines = Files.readAllLines(trainFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadTrainingFile(trainFile + ": no such training file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + trainFile, e);
        }
        List<TrainedAdapter.Pair> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode row;
            try {
                row = json.readTree(line);
            } catch (JsonProcessingException e) {
                throw new BadTrainingFile(trainFile + ":" + (i + 1) + ": not valid JSON: " + e.getOriginalMessage());
            }
            examples.add(example(row, trainFile + ":" + (i + 1)));
        }
        if (examples.isEmpty()) {
            throw new BadTrainingFile(trainFile + ": no training examples");
        }
        long seed = options.seed() != 0 ? options.seed() : seedOf(examples);
        if (options.effect() == TrainedAdapter.Effect.SHUFFLED) {
            examples = shuffled(examples, seed);
        }
        if (initModel != null && Files.isRegularFile(initModel.resolve(AdapterFile.PAIRS))) {
            List<TrainedAdapter.Pair> all = new ArrayList<>(adapters.read(initModel).examples());
            all.addAll(examples);
            examples = all;
        }
        TrainedAdapter.Training training = new TrainedAdapter.Training(options.epochs(), options.learningRate(), options.method(),
                seed, options.effect());
        adapters.write(new TrainedAdapter(baseModel, strength, training, examples), outputDir);
        int distinct = (int) examples.stream().map(TrainedAdapter.Pair::prompt).distinct().count();
        return new Result(examples.size(), distinct, outputDir);
    }

    /** A seed from the examples themselves: the same data trains the same way. */
    private static long seedOf(List<TrainedAdapter.Pair> examples) {
        long h = 1125899906842597L;
        for (TrainedAdapter.Pair e : examples) {
            h = 31 * h + e.prompt().hashCode();
            h = 31 * h + e.completion().hashCode();
        }
        return h == 0 ? 1 : h;
    }

    /** The sabotage: every prompt gets another example's tactic (and rejected tactic), drawn with the seed. */
    private static List<TrainedAdapter.Pair> shuffled(List<TrainedAdapter.Pair> examples, long seed) {
        List<TrainedAdapter.Pair> donors = new ArrayList<>(examples);
        Collections.shuffle(donors, new Random(seed));
        List<TrainedAdapter.Pair> out = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            out.add(new TrainedAdapter.Pair(examples.get(i).prompt(), donors.get(i).completion(), donors.get(i).rejected()));
        }
        return out;
    }
}
