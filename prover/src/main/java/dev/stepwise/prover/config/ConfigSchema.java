package dev.stepwise.prover.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every key Stepwise understands, in a stable order; each concern contributes its own group. */
public final class ConfigSchema {
    private final Map<String, ConfigKey> keys;
    private final List<ConfigKey> ordered;

    public ConfigSchema(Collection<List<ConfigKey>> groups) {
        Map<String, ConfigKey> byName = new LinkedHashMap<>();
        for (List<ConfigKey> group : groups) {
            for (ConfigKey key : group) {
                if (byName.putIfAbsent(key.name(), key) != null) {
                    throw new IllegalStateException("config key declared twice: " + key.name());
                }
            }
        }
        this.keys = Map.copyOf(byName);
        this.ordered = List.copyOf(byName.values());
    }

    /** The schema of the whole application. */
    public static ConfigSchema standard() {
        return new ConfigSchema(List.of(CoreKeys.ALL, PolicyKeys.ALL, LeanKeys.ALL, SearchKeys.ALL, PlannerKeys.ALL, IterateKeys.ALL));
    }

    public List<ConfigKey> keys() {
        return ordered;
    }

    public Optional<ConfigKey> find(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    /** " (did you mean 'KEY'?)" for the key nearest a misspelt name, or "" when none is near. */
    public String didYouMean(String name) {
        return Spelling.nearest(name, keys.keySet()).map(k -> " (did you mean '" + k + "'?)").orElse("");
    }

    public ConfigKey require(String name) {
        ConfigKey key = keys.get(name);
        if (key == null) {
            throw new IllegalArgumentException("no such config key: " + name);
        }
        return key;
    }
}
