package dev.stepwise.prover.config;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One configuration key: its dotted name ({@code pool.max-rss}), type, default, a check of the
 * allowed range and a description. The environment variable is derived from the name.
 */
public record ConfigKey(String name, ValueType type, Object defaultValue, String description,
        Predicate<Object> allowed, String allowedText) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");

    public ConfigKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(allowed, "allowed");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad config key name: " + name);
        }
        if (defaultValue != null && !allowed.test(defaultValue)) {
            throw new IllegalArgumentException("default of " + name + " is outside " + allowedText);
        }
    }

    public static ConfigKey of(String name, ValueType type, Object defaultValue, String description) {
        return new ConfigKey(name, type, defaultValue, description, v -> true, "");
    }

    /** A key whose values must pass {@code allowed}; {@code allowedText} says what is allowed. */
    public ConfigKey restrictedTo(Predicate<Object> check, String text) {
        return new ConfigKey(name, type, defaultValue, description, check, text);
    }

    public static ConfigKey positiveInt(String name, int defaultValue, String description) {
        return of(name, ValueType.INT, defaultValue, description).restrictedTo(v -> (Integer) v > 0, "a positive integer");
    }

    /** {@code pool.max-rss} is read from {@code STEPWISE_POOL_MAX_RSS}. */
    public String envVar() {
        return "STEPWISE_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Parses and range-checks a text value, with a message naming the key and its source. */
    Object check(Object value, String where) {
        if (!allowed.test(value)) {
            throw new ConfigException(where + ": " + name + " must be " + allowedText + ", got " + type.format(value));
        }
        return value;
    }
}
