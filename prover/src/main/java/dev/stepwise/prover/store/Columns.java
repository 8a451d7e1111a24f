package dev.stepwise.prover.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.prover.store.schema.SqlDialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * How Java values are kept in SQLite columns (the conventions stated at the top of
 * {@code V1__initial.sql}): instants as epoch milliseconds, lists as JSON text, enums by their
 * lower-case code, optional values as NULL.
 */
public final class Columns {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<Long>> LONGS = new TypeReference<>() { };

    private Columns() {
    }

    /** An enum stored by a stable lower-case code rather than its Java name. */
    public interface Coded {
        String code();
    }

    public static <E extends Enum<E> & Coded> E decode(Class<E> type, String code) {
        for (E e : type.getEnumConstants()) {
            if (e.code().equals(code)) {
                return e;
            }
        }
        throw new StoreException("unknown " + type.getSimpleName() + " '" + code + "' in the database");
    }

    public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, value.toEpochMilli());
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static void setNullableInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, value);
        }
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public static void setNullableDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.REAL);
        } else {
            ps.setDouble(index, value);
        }
    }

    public static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    static Duration millis(ResultSet rs, String column) throws SQLException {
        return Duration.ofMillis(rs.getLong(column));
    }

    static String json(List<?> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot write a list as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static List<String> strings(String json) {
        try {
            return List.copyOf(JSON.readValue(json, STRINGS));
        } catch (JsonProcessingException e) {
            throw new StoreException("bad JSON list of strings in the database: " + e.getOriginalMessage(), e);
        }
    }

    static List<Long> longs(String json) {
        try {
            return List.copyOf(JSON.readValue(json, LONGS));
        } catch (JsonProcessingException e) {
            throw new StoreException("bad JSON list of integers in the database: " + e.getOriginalMessage(), e);
        }
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    /**
     * The id the database gave the row just inserted on this connection: SQLite's rowid, or on
     * PostgreSQL the value the insert drew from the table's identity sequence ({@code lastval()}).
     */
    public static long lastInsertId(java.sql.Connection c) throws SQLException {
        String query = SqlDialect.of(c) == SqlDialect.SQLITE ? "SELECT last_insert_rowid()" : "SELECT lastval()";
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
