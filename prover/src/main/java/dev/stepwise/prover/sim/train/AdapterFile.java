package dev.stepwise.prover.sim.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated LoRA adapter on disk: a directory with {@code adapter_config.json} (the keys a PEFT
 * adapter has, plus {@code "simulated": true}) and {@code stepwise-sim-adapter.json} holding the
 * training pairs. It carries no weights; only the simulated model server can load it.
 */
public final class AdapterFile {
    public static final String CONFIG = "adapter_config.json";
    public static final String PAIRS = "stepwise-sim-adapter.json";
    static final String FORMAT = "stepwise-sim-adapter";
    static final int VERSION = 1;

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(TrainedAdapter adapter, Path dir) {
        ObjectNode config = mapper.createObjectNode();
        config.put("peft_type", "LORA");
        config.put("base_model_name_or_path", adapter.baseModel());
        config.put("r", 16);
        config.put("lora_alpha", 32);
        config.put("simulated", true);
        config.put("note", "written by 'stepwise sim train': a simulated adapter without weights");
        ObjectNode pairs = mapper.createObjectNode();
        pairs.put("format", FORMAT);
        pairs.put("version", VERSION);
        pairs.put("simulated", true);
        pairs.put("baseModel", adapter.baseModel());
        pairs.put("strength", adapter.strength());
        var examples = pairs.putArray("examples");
        for (TrainedAdapter.Pair e : adapter.examples()) {
            examples.addObject().put("prompt", e.prompt()).put("completion", e.completion());
        }
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(CONFIG), mapper.writeValueAsBytes(config));
            Files.write(dir.resolve(PAIRS), mapper.writeValueAsBytes(pairs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write adapter to " + dir, e);
        }
    }

    /** Reads an adapter directory; a directory that is not a simulated adapter gives an {@link IllegalArgumentException}. */
    public TrainedAdapter read(Path dir) {
        Path file = dir.resolve(PAIRS);
        JsonNode root;
        try {
            root = mapper.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(dir + " is not a simulated adapter (no " + PAIRS + ")");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read adapter " + file, e);
        }
        if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException(file + ": not a " + FORMAT + " version " + VERSION + " file");
        }
        List<TrainedAdapter.Pair> examples = new ArrayList<>();
        for (JsonNode e : root.path("examples")) {
            examples.add(new TrainedAdapter.Pair(e.path("prompt").asText(), e.path("completion").asText()));
        }
        return new TrainedAdapter(root.path("baseModel").asText(), root.path("strength").asDouble(), examples);
    }
}
