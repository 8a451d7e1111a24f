package dev.stepwise.prover.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The effective configuration: one value per key of the schema, with where it came from.
 * Immutable; built once by {@link SettingsLoader} and handed to the services that need it.
 */
public final class Settings {

    /** One effective value. */
    public record Entry(ConfigKey key, Object value, ValueSource source) {
        /** The value as shown to people; a secret shows only whether it is set. */
        public String text() {
            if (value == null) {
                return "";
            }
            if (key.type() == ValueType.SECRET) {
                return value.toString().isEmpty() ? "" : "****";
            }
            return key.type().format(value);
        }
    }

    private final ConfigSchema schema;
    private final Map<String, Entry> entries;

    Settings(ConfigSchema schema, Map<String, Entry> entries) {
        this.schema = schema;
        this.entries = Map.copyOf(entries);
    }

    public static Settings defaults(ConfigSchema schema) {
        return SettingsLoader.defaultsOnly(schema);
    }

    /** Every key in schema order. */
    public List<Entry> entries() {
        return schema.keys().stream().map(k -> entries.get(k.name())).toList();
    }

    public Entry entry(ConfigKey key) {
        Entry e = entries.get(key.name());
        if (e == null) {
            throw new IllegalArgumentException("key not in schema: " + key.name());
        }
        return e;
    }

    public Object value(ConfigKey key) {
        return entry(key).value();
    }

    public String string(ConfigKey key) {
        return (String) value(key);
    }

    public int integer(ConfigKey key) {
        return (Integer) value(key);
    }

    public long longValue(ConfigKey key) {
        return (Long) value(key);
    }

    public double number(ConfigKey key) {
        return (Double) value(key);
    }

    public boolean flag(ConfigKey key) {
        return (Boolean) value(key);
    }

    public Duration duration(ConfigKey key) {
        return (Duration) value(key);
    }

    public Path path(ConfigKey key) {
        return (Path) value(key);
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(ConfigKey key) {
        return (List<String>) value(key);
    }

    @SuppressWarnings("unchecked")
    public List<Double> numbers(ConfigKey key) {
        return (List<Double>) value(key);
    }
}
