package dev.stepwise.lean;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Values that must never be echoed: API keys and other credentials. Whatever a REPL writes that
 * Stepwise repeats (its stderr in a crash report, a start failure) goes through {@link #redact}
 * first, because a process that got hold of a key can print it.
 *
 * @param values the secret strings; shorter than {@link #MIN_LENGTH} characters are dropped, since
 *     replacing every "1" or "ab" in a message would garble it and such a value guards nothing
 */
public record Secrets(Set<String> values) {
    /** How an environment variable or setting that holds a credential is named. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(key|token|secret|password|passwd|credential).*");
    static final int MIN_LENGTH = 4;
    public static final String MASK = "[redacted]";
    public static final Secrets NONE = new Secrets(Set.of());

    public Secrets {
        Set<String> kept = new HashSet<>();
        for (String v : values) {
            if (v != null && v.strip().length() >= MIN_LENGTH) {
                kept.add(v.strip());
            }
        }
        values = Set.copyOf(kept);
    }

    public static Secrets of(Collection<String> values) {
        return new Secrets(new HashSet<>(values));
    }

    /** Whether a variable or setting of this name holds a credential ({@code STEPWISE_MODEL_API_KEY}, {@code model.api-key}). */
    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    /** The values of the variables in {@code environment} whose names say they are credentials. */
    public static Secrets inEnvironment(Map<String, String> environment) {
        Set<String> found = new HashSet<>();
        environment.forEach((name, value) -> {
            if (isSecretName(name)) {
                found.add(value);
            }
        });
        return new Secrets(found);
    }

    public Secrets plus(Secrets other) {
        Set<String> all = new HashSet<>(values);
        all.addAll(other.values);
        return new Secrets(all);
    }

    /** {@code text} with every secret replaced by {@link #MASK}; longer secrets first, so one inside another is masked whole. */
    public String redact(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
