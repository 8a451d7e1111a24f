package dev.stepwise.prover.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link Settings} from the layers defaults &lt; YAML file &lt; {@code STEPWISE_*}
 * environment variables &lt; flags. Unknown keys in any layer are an error naming the key, so a
 * typo never silently falls back to a default.
 */
public final class SettingsLoader {

    /** The file read when no {@code --config} is given, if it exists in the working directory. */
    public static final String DEFAULT_FILE = "stepwise.yaml";

    /** Variables of the launcher, not configuration keys. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("STEPWISE_JVM_OPTS", "STEPWISE_JAVA");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ConfigSchema schema;

    public SettingsLoader(ConfigSchema schema) {
        this.schema = schema;
    }

    static Settings defaultsOnly(ConfigSchema schema) {
        Map<String, Settings.Entry> entries = new LinkedHashMap<>();
        for (ConfigKey key : schema.keys()) {
            entries.put(key.name(), new Settings.Entry(key, key.defaultValue(), ValueSource.DEFAULT));
        }
        return new Settings(schema, entries);
    }

    /**
     * @param explicitFile the {@code --config} file (must exist), or null to use {@code stepwise.yaml}
     *     in {@code workDir} when present
     * @param env the process environment
     * @param flags key name to text value, from command-line flags
     */
    public Settings load(Path explicitFile, Path workDir, Map<String, String> env, Map<String, String> flags) {
        Map<String, Settings.Entry> entries = new LinkedHashMap<>();
        for (Settings.Entry e : defaultsOnly(schema).entries()) {
            entries.put(e.key().name(), e);
        }
        Path file = explicitFile;
        if (file == null && Files.isRegularFile(workDir.resolve(DEFAULT_FILE))) {
            file = workDir.resolve(DEFAULT_FILE);
        }
        if (file != null) {
            applyFile(file, entries);
        }
        applyEnvironment(env, entries);
        for (Map.Entry<String, String> flag : flags.entrySet()) {
            ConfigKey key = schema.find(flag.getKey())
                    .orElseThrow(() -> new ConfigException("unknown config key '" + flag.getKey() + "' in --set"
                            + schema.didYouMean(flag.getKey())));
            put(entries, key, flag.getValue(), new ValueSource(ValueSource.Layer.FLAG, "flag"));
        }
        return new Settings(schema, entries);
    }

    private void applyFile(Path file, Map<String, Settings.Entry> entries) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new ConfigException("config file " + file + where + " is not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + " must be a map of keys, not " + root.getNodeType());
        }
        ValueSource source = new ValueSource(ValueSource.Layer.FILE, file.toString());
        flatten("", root, file, entries, source);
    }

    /** Nested maps and dotted names are equivalent: {@code pool: {size: 4}} is {@code pool.size: 4}. */
    private void flatten(String prefix, JsonNode node, Path file, Map<String, Settings.Entry> entries,
            ValueSource source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = prefix + field.getKey();
            var key = schema.find(name);
            if (key.isPresent()) {
                Object value;
                try {
                    value = key.get().type().fromNode(field.getValue());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(file + ": " + name + ": " + e.getMessage());
                }
                entries.put(name, new Settings.Entry(key.get(), key.get().check(value, file.toString()), source));
            } else if (field.getValue().isObject() && isPrefix(name)) {
                flatten(name + ".", field.getValue(), file, entries, source);
            } else {
                throw new ConfigException("unknown config key '" + name + "' in " + file + schema.didYouMean(name));
            }
        }
    }

    private boolean isPrefix(String name) {
        return schema.keys().stream().anyMatch(k -> k.name().startsWith(name + "."));
    }

    private void applyEnvironment(Map<String, String> env, Map<String, Settings.Entry> entries) {
        Map<String, ConfigKey> byVar = new LinkedHashMap<>();
        for (ConfigKey key : schema.keys()) {
            byVar.put(key.envVar(), key);
        }
        env.keySet().stream().filter(v -> v.startsWith("STEPWISE_")).sorted().forEach(var -> {
            if (LAUNCHER_VARIABLES.contains(var)) {
                return;
            }
            ConfigKey key = byVar.get(var);
            if (key == null) {
                throw new ConfigException("unknown config key in environment variable " + var
                        + Spelling.nearest(var, byVar.keySet()).map(v -> " (did you mean " + v + "?)").orElse(""));
            }
            put(entries, key, env.get(var), new ValueSource(ValueSource.Layer.ENVIRONMENT, "env " + var));
        });
    }

    private static void put(Map<String, Settings.Entry> entries, ConfigKey key, String text, ValueSource source) {
        Object value;
        try {
            value = key.type().parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + key.name() + ": " + e.getMessage());
        }
        entries.put(key.name(), new Settings.Entry(key, key.check(value, source.toString()), source));
    }
}
