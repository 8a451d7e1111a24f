package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The store is below the command line: it must not name any class of the CLI package (which
 * opens the store), or the two packages form a cycle. Read off the compiled classes, whose
 * constant pools name every class they use.
 */
class StoreDependenciesTest {

    @Test
    void noStoreClassUsesTheCliPackage() throws Exception {
        Path classes = Path.of(Store.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/stepwise/prover/store");
        List<Path> files;
        try (Stream<Path> list = Files.list(classes)) {
            files = list.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        assertTrue(files.size() > 40, "too few store classes found in " + classes + ": " + files.size());
        List<String> offenders = files.stream().filter(StoreDependenciesTest::usesCli).map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of(), offenders);
    }

    private static boolean usesCli(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("dev/stepwise/prover/cli/");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
