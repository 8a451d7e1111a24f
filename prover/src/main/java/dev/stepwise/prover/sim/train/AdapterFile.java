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
 * training pairs and settings ({@code training}: epochs, learning rate, method, noise seed, effect;
 * absent in adapters written before them: the defaults). It carries no weights; only the simulated model server can load it.
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
        TrainedAdapter.Training t = adapter.training();
        pairs.putObject("training").put("epochs", t.epochs()).put("learningRate", t.learningRate())
                .put("method", t.method().name().toLowerCase(java.util.Locale.ROOT)).put("seed", t.seed())
                .put("effect", t.effect().code());
        var examples = pairs.putArray("examples");
        for (TrainedAdapter.Pair e : adapter.examples()) {
            ObjectNode row = examples.addObject().put("prompt", e.prompt()).put("completion", e.completion());
            if (e.rejected() != null) {
                row.put("rejected", e.rejected());
            }
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
            examples.add(new TrainedAdapter.Pair(e.path("prompt").asText(), e.path("completion").asText(),
                    e.path("rejected").isTextual() ? e.get("rejected").textValue() : null));
        }
        return new TrainedAdapter(root.path("baseModel").asText(), root.path("strength").asDouble(), training(root.path("training")),
                examples);
    }

    /** The training settings; an adapter written before they were recorded trained with the defaults. */
    private static TrainedAdapter.Training training(JsonNode t) {
        TrainedAdapter.Training d = TrainedAdapter.Training.defaults();
        if (t.isMissingNode()) {
            return d;
        }
        return new TrainedAdapter.Training(t.path("epochs").asInt(d.epochs()), t.path("learningRate").asDouble(d.learningRate()),
                t.has("method") ? TrainedAdapter.Method.parse(t.get("method").asText()) : d.method(), t.path("seed").asLong(d.seed()),
                t.has("effect") ? TrainedAdapter.Effect.parse(t.get("effect").asText()) : d.effect());
    }
}
