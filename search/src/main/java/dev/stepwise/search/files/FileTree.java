package dev.stepwise.search.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Whole directory trees on disk. */
public final class FileTree {
    private FileTree() {
    }

    /**
     * Deletes {@code root} and everything under it, deepest first (a directory must be empty
     * before it can go); nothing when {@code root} does not exist, nor for an entry that vanished
     * while the tree was walked.
     */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
