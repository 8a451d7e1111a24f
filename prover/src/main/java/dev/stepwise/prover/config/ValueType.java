package dev.stepwise.prover.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a configuration value. Each type parses the text form (environment variables,
 * flags) and the YAML form, and rejects anything else with a message naming what it expected.
 */
public enum ValueType {
    STRING("a string"),
    /** A string such as an API key: parsed like {@link #STRING}, masked wherever settings are shown. */
    SECRET("a string"),
    INT("an integer"),
    LONG("an integer"),
    DOUBLE("a number"),
    BOOLEAN("true or false"),
    /** {@code 30s}, {@code 250ms}, {@code 5m}, {@code 2h} or ISO-8601 ({@code PT30S}). */
    DURATION("a duration such as 250ms, 30s, 5m or 2h"),
    /** {@code 512m}, {@code 12g}, {@code 1024k} or a plain number of bytes. */
    BYTES("a size such as 512m or 12g"),
    PATH("a path"),
    STRING_LIST("a list of strings"),
    DOUBLE_LIST("a list of numbers");

    private static final Pattern DURATION_PATTERN = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final Pattern BYTES_PATTERN = Pattern.compile("(\\d+)\\s*([kmgt]?)i?b?");

    private final String expected;

    ValueType(String expected) {
        this.expected = expected;
    }

    public String expected() {
        return expected;
    }

    /** Parses the text form; lists are comma-separated. */
    public Object parse(String text) {
        String t = text.strip();
        try {
            return switch (this) {
                case STRING, SECRET -> text;
                case INT -> Integer.parseInt(t);
                case LONG -> Long.parseLong(t);
                case DOUBLE -> Double.parseDouble(t);
                case BOOLEAN -> parseBoolean(t);
                case DURATION -> parseDuration(t);
                case BYTES -> parseBytes(t);
                case PATH -> Path.of(t);
                case STRING_LIST -> splitList(t);
                case DOUBLE_LIST -> splitList(t).stream().map(Double::parseDouble).toList();
            };
        } catch (NumberFormatException | DateTimeParseException | java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("expected " + expected + ", got '" + text + "'");
        }
    }

    /** Converts a YAML node; a scalar goes through {@link #parse}, lists must be YAML sequences or text. */
    public Object fromNode(JsonNode node) {
        if (node.isArray()) {
            if (this != STRING_LIST && this != DOUBLE_LIST) {
                throw new IllegalArgumentException("expected " + expected + ", got a list");
            }
            List<Object> items = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isValueNode()) {
                    throw new IllegalArgumentException("expected " + expected + ", got a nested structure");
                }
                items.add(this == STRING_LIST ? item.asText() : DOUBLE.parse(item.asText()));
            }
            return List.copyOf(items);
        }
        if (!node.isValueNode() || node.isNull()) {
            throw new IllegalArgumentException("expected " + expected + ", got " + (node.isNull() ? "nothing" : "a map"));
        }
        return parse(node.asText());
    }

    /** The canonical text form, the inverse of {@link #parse}. */
    public String format(Object value) {
        return switch (this) {
            case DURATION -> formatDuration((Duration) value);
            case STRING_LIST, DOUBLE_LIST -> String.join(",", ((List<?>) value).stream().map(String::valueOf).toList());
            default -> String.valueOf(value);
        };
    }

    private static boolean parseBoolean(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new NumberFormatException(t);
        };
    }

    private static Duration parseDuration(String t) {
        if (t.startsWith("P") || t.startsWith("p")) {
            return Duration.parse(t);
        }
        Matcher m = DURATION_PATTERN.matcher(t.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new NumberFormatException(t);
        }
        double amount = Double.parseDouble(m.group(1));
        long millis = switch (m.group(2)) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
        return Duration.ofMillis(Math.round(amount * millis));
    }

    private static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }

    private static long parseBytes(String t) {
        Matcher m = BYTES_PATTERN.matcher(t.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new NumberFormatException(t);
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return Math.multiplyExact(n, 1L << shift);
    }

    private static List<String> splitList(String t) {
        if (t.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(t.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
