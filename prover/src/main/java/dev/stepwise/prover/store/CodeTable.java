package dev.stepwise.prover.store;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The codes the database holds for the values of an enum defined outside the store (the search's
 * node statuses and edge kinds): one table per enum instead of a mirror enum and a switch, checked
 * complete and unique when it is built, so renaming a Java constant never changes stored data and
 * a new constant cannot reach the database without a code.
 */
final class CodeTable<E extends Enum<E>> {
    private final Class<E> type;
    private final EnumMap<E, String> codes;
    private final Map<String, E> values = new HashMap<>();

    private CodeTable(Class<E> type, Map<E, String> codes) {
        this.type = type;
        this.codes = new EnumMap<>(type);
        this.codes.putAll(codes);
        for (E value : type.getEnumConstants()) {
            String code = this.codes.get(value);
            if (code == null) {
                throw new IllegalStateException(type.getSimpleName() + "." + value.name() + " has no database code");
            }
            if (values.put(code, value) != null) {
                throw new IllegalStateException(type.getSimpleName() + " has two values with the code '" + code + "'");
            }
        }
    }

    static <E extends Enum<E>> CodeTable<E> of(Class<E> type, Map<E, String> codes) {
        return new CodeTable<>(type, codes);
    }

    String code(E value) {
        return codes.get(value);
    }

    E decode(String code) {
        E value = values.get(code);
        if (value == null) {
            throw new StoreException("unknown " + type.getSimpleName() + " '" + code + "' in the database");
        }
        return value;
    }
}
