package dev.stepwise.iteration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex: of example texts (identity across rounds) and of exported files. */
final class Sha256 {
    private Sha256() {
    }

    /**
     * The digest of several text fields, each length-prefixed so that moving text from one field
     * to the next changes the digest.
     */
    static String ofFields(String... fields) {
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            b.append(f.length()).append(':').append(f).append('\n');
        }
        return HexFormat.of().formatHex(digest().digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static String ofFile(Path file) {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to hash it", e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The first 8 bytes of the digest of {@code text} as a fraction in [0, 1): a stable, uniform bucket. */
    static double unitFraction(String text) {
        byte[] d = digest().digest(text.getBytes(StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 7; i++) {
            v = (v << 8) | (d[i] & 0xff);
        }
        return v / (double) (1L << 56);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
