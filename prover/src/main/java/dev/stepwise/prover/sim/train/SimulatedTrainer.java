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
import java.util.List;

/**
 * The simulated trainer: reads a JSONL training file of {@code prompt}/{@code completion} pairs
 * and writes a simulated adapter that makes those pairs likelier when the simulated model server
 * loads it. It trains nothing; what it writes says so.
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
     * One example from a row in any of the exported formats: prompt/completion (SFT),
     * messages (chat SFT: the user's content and the assistant's), prompt/chosen/rejected
     * (preference pairs: the chosen tactic).
     */
    private static TrainedAdapter.Pair example(JsonNode row, String where) {
        if (row != null && row.path("prompt").isTextual() && row.path("completion").isTextual()) {
            return new TrainedAdapter.Pair(row.get("prompt").textValue(), row.get("completion").textValue());
        }
        if (row != null && row.path("prompt").isTextual() && row.path("chosen").isTextual()) {
            return new TrainedAdapter.Pair(row.get("prompt").textValue(), row.get("chosen").textValue());
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
                + " or \"messages\" with a user and an assistant turn");
    }

    public static final class BadTrainingFile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadTrainingFile(String message) {
            super(message);
        }
    }

    /**
     * @param initModel an earlier simulated adapter to continue from (its pairs are kept), or null
     */
    public Result train(Path trainFile, String baseModel, Path initModel, Path outputDir, double strength) {
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
        if (initModel != null && Files.isRegularFile(initModel.resolve(AdapterFile.PAIRS))) {
            List<TrainedAdapter.Pair> all = new ArrayList<>(adapters.read(initModel).examples());
            all.addAll(examples);
            examples = all;
        }
        adapters.write(new TrainedAdapter(baseModel, strength, examples), outputDir);
        int distinct = (int) examples.stream().map(TrainedAdapter.Pair::prompt).distinct().count();
        return new Result(examples.size(), distinct, outputDir);
    }
}
