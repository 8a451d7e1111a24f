package dev.stepwise.prover;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What was built: the version, the git commit and the build time, filtered in by Maven. */
public record VersionInfo(String version, String commit, String buildTime) {

    private static final String RESOURCE = "/dev/stepwise/prover/version.properties";

    public static VersionInfo load() {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new VersionInfo(
                clean(p.getProperty("version")), clean(p.getProperty("commit")), clean(p.getProperty("buildTime")));
    }

    /** An unfiltered placeholder (running from an IDE without Maven) is reported as unknown. */
    private static String clean(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }

    @Override
    public String toString() {
        return "stepwise " + version + " (commit " + commit + ", built " + buildTime + ")";
    }
}
