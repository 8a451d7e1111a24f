package dev.stepwise.prover.sim.world;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.stepwise.prover.config.ValueType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads and writes world files (JSON, UTF-8). Durations are written the way configuration values
 * are ({@code 250ms}, {@code 2s}); output is indented and has a stable field order, so the same
 * world always gives the same bytes.
 */
public final class WorldFile {
    private final ObjectMapper mapper;

    public WorldFile() {
        SimpleModule durations = new SimpleModule("stepwise-durations");
        durations.addSerializer(Duration.class, new DurationWriter());
        durations.addDeserializer(Duration.class, new DurationReader());
        durations.addDeserializer(SimTactic.class, new TacticReader());
        this.mapper = JsonMapper.builder()
                .addModule(durations)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                // the one optional field: a world without "lean" gets null (World.lean)
                .injectableValues(new InjectableValues.Std().addValue(World.NO_LEAN, null).addValue(World.NO_CONJECTURES, java.util.List.of()))
                .build();
    }

    public World read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new WorldFormatException(path + ": no such world file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read world file " + path, e);
        }
        return parse(bytes, path.toString());
    }

    public World parse(byte[] json, String where) {
        try {
            return mapper.readValue(json, World.class);
        } catch (JsonProcessingException e) {
            throw new WorldFormatException(where + describe(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read world " + where, e);
        }
    }

    public byte[] toBytes(World world) {
        try {
            byte[] body = mapper.writeValueAsBytes(world);
            byte[] withNewline = new byte[body.length + 1];
            System.arraycopy(body, 0, withNewline, 0, body.length);
            withNewline[body.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a world", e);
        }
    }

    public void write(World world, Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.write(tmp, toBytes(world));
            Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write world file " + path, e);
        }
    }

    /** ": line L, column C: what is wrong", with the validation message rather than Jackson's wrapping. */
    private static String describe(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String at = loc == null || loc.getLineNr() < 0 ? "" : ": line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
        return at + ": " + why.lines().findFirst().orElse(why);
    }

    private static final class DurationWriter extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(ValueType.DURATION.format(value));
        }
    }

    private static final class DurationReader extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return (Duration) ValueType.DURATION.parse(text == null ? "" : text);
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(text, Duration.class, "expected a duration such as 250ms, 2s or 5m");
            }
        }
    }
}
