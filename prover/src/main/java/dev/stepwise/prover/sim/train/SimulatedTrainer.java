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
    }

    /** A training file that cannot be used; the message names the file and line. */
    public static final class BadTrainingFile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadTrainingFile(String message) {
            super(message);
        }
    }

    public Result train(Path trainFile, String baseModel, Path outputDir, double strength) {
        List<String> lines;
        try {
            lines = Files.readAllLines(trainFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadTrainingFile(trainFile + ": no such training file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + trainFile, e);
        }
        List<TrainedAdapter.Example> examples = new ArrayList<>();
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
            if (row == null || !row.path("prompt").isTextual() || !row.path("completion").isTextual()) {
                throw new BadTrainingFile(trainFile + ":" + (i + 1) + ": expected string fields \"prompt\" and \"completion\"");
            }
            examples.add(new TrainedAdapter.Example(row.get("prompt").textValue(), row.get("completion").textValue()));
        }
        if (examples.isEmpty()) {
            throw new BadTrainingFile(trainFile + ": no training examples");
        }
        adapters.write(new TrainedAdapter(baseModel, strength, examples), outputDir);
        int distinct = (int) examples.stream().map(TrainedAdapter.Example::prompt).distinct().count();
        return new Result(examples.size(), distinct, outputDir);
    }
}
