package dev.stepwise.prover.store.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One step of the schema: version {@code n} turns a database of version {@code n - 1} into one of
 * version {@code n}. The checksum is recorded when the step is applied, so a database made by a
 * build whose step {@code n} said something else is recognised instead of silently trusted.
 */
public record Migration(int version, String name, String sql) {

    public Migration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be >= 1, got " + version);
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("migration " + version + " has a blank name");
        }
        if (sql.isBlank()) {
            throw new IllegalArgumentException("migration " + version + " (" + name + ") has no SQL");
        }
    }

    /** SHA-256 of the SQL with line endings normalised, so a checkout with CRLF has the same checksum. */
    public String checksum() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
