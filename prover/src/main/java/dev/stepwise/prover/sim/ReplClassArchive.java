package dev.stepwise.prover.sim;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A class-data-sharing archive of the classes a simulated REPL process loads, made once per build
 * and JDK and then mapped by every simulated REPL JVM. A simulated pool starts several JVMs at
 * once, and on a small host their class loading took seconds of CPU away from everything else: time
 * a real Lean process does not spend, so it made simulated runs slower than what they simulate.
 * With the archive a simulated REPL starts on about a third less CPU.
 *
 * <p>The archive is made by one simulated REPL that reads the world and exits, dumping the classes
 * it loaded into a temporary file that is then moved into place, so concurrent makers never leave
 * a half-written archive and no JVM maps a file still being written. The JVM checks an archive
 * against its class path and version before using it and runs without it when they differ, so a
 * stale archive costs nothing but the speed-up. When no archive can be made the processes simply
 * start without one.
 */
final class ReplClassArchive {
    private static final System.Logger LOG = System.getLogger(ReplClassArchive.class.getName());
    private static final long MAKE_TIMEOUT_SECONDS = 60;
    private static final String PREFIX = "repl-";
    private static final String SUFFIX = ".jsa";
    private static final String UNUSABLE = ".unusable";

    private ReplClassArchive() {
    }

    /**
     * The archive for this JVM's java and class path, made now if it is missing; empty when it
     * cannot be made (a class path with directories, as in a build's tests, cannot be archived),
     * which is remembered beside the archives so that no later start tries again.
     */
    static synchronized Optional<Path> prepare(Path worldFile, List<String> baseCommand) {
        return prepare(defaultDir(), worldFile, baseCommand);
    }

    /**
     * The user's cache ({@code $XDG_CACHE_HOME/stepwise/cds}, else {@code ~/.cache/stepwise/cds}):
     * not a shared temporary directory, where another user could plant an archive of class data
     * that our JVMs would then map.
     */
    static Path defaultDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("stepwise").resolve("cds");
    }

    static synchronized Optional<Path> prepare(Path dir, Path worldFile, List<String> baseCommand) {
        String name = PREFIX + key();
        Path archive = dir.resolve(name + SUFFIX);
        Path unusable = dir.resolve(name + UNUSABLE);
        if (Files.isRegularFile(archive)) {
            return Optional.of(archive);
        }
        if (Files.exists(unusable)) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(dir);
            deleteOthers(dir);
            make(dir, archive, worldFile, baseCommand);
            return Optional.of(archive);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "simulated REPL processes start without a class archive: " + e.getMessage());
            try {
                Files.writeString(unusable, e.getMessage() + "\n");
            } catch (IOException ignored) {
                // then the next start tries again, which costs only time
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void make(Path dir, Path archive, Path worldFile, List<String> baseCommand)
            throws IOException, InterruptedException {
        Path partial = Files.createTempFile(dir, PREFIX, ".partial");
        try {
            List<String> cmd = new ArrayList<>(baseCommand);
            cmd.add(1, "-XX:ArchiveClassesAtExit=" + partial);
            cmd.addAll(List.of("--world", worldFile.toString()));
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(MAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("the archiving JVM ran past " + MAKE_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0 || Files.size(partial) == 0) {
                throw new IOException("the archiving JVM exited " + p.exitValue() + " and wrote " + Files.size(partial) + " bytes");
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Archives (and marks) of other builds or JDKs made over a day ago: one of 8 MB per build would
     * otherwise pile up, while two builds in use side by side keep theirs.
     */
    private static void deleteOthers(Path dir) {
        FileTime dayAgo = FileTime.from(Instant.now().minus(Duration.ofDays(1)));
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, PREFIX + "*{" + SUFFIX + "," + UNUSABLE + "}")) {
            for (Path p : old) {
                if (Files.getLastModifiedTime(p).compareTo(dayAgo) < 0) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not delete old class archives in " + dir + ": " + e.getMessage());
        }
    }

    /** Names this JDK and class path, with each class path entry's size and time, so a rebuild gets a new archive. */
    static String key() {
        StringBuilder id = new StringBuilder(System.getProperty("java.home")).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n');
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(entry);
            id.append(entry).append(' ').append(f.length()).append(' ').append(f.lastModified()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static File nullFile() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }
}
