package dev.stepwise.prover.store;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The database codes of an enum owned by another module, which cannot implement
 * {@link Columns.Coded}: one complete table per type, kept by the package that persists it. The
 * codes are written out rather than derived from the Java names, so renaming a constant cannot
 * silently change what the database holds (the schema's CHECK constraints list the same codes).
 */
public final class CodeTable<E extends Enum<E>> {
    private final Class<E> type;
    private final EnumMap<E, String> codes;
    private final Map<String, E> values;

    private CodeTable(Class<E> type, EnumMap<E, String> codes, Map<String, E> values) {
        this.type = type;
        this.codes = codes;
        this.values = values;
    }

    /** A table that must give every constant of {@code type} its own code. */
    public static <E extends Enum<E>> CodeTable<E> of(Class<E> type, Map<E, String> table) {
        Objects.requireNonNull(type, "type");
        EnumMap<E, String> codes = new EnumMap<>(type);
        Map<String, E> values = new HashMap<>();
        for (E e : type.getEnumConstants()) {
            String code = table.get(e);
            if (code == null || code.isBlank()) {
                throw new IllegalArgumentException("no database code for " + type.getSimpleName() + "." + e.name());
            }
            E previous = values.put(code, e);
            if (previous != null) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + previous.name() + " and " + e.name()
                        + " share the database code '" + code + "'");
            }
            codes.put(e, code);
        }
        return new CodeTable<>(type, codes, Map.copyOf(values));
    }

    public String code(E value) {
        return codes.get(Objects.requireNonNull(value, "value"));
    }

    /** The constant stored as {@code code}; an unknown code means the file was not written by us. */
    public E decode(String code) {
        E e = values.get(code);
        if (e == null) {
            throw new StoreException("unknown " + type.getSimpleName() + " '" + code + "' in the database");
        }
        return e;
    }
}
