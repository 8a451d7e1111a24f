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
 * The store is below everything that opens it: no class of {@code dev.stepwise.prover.store} or
 * its sub-packages may name a class of the command line, the application, eval, iteration (the
 * {@code expert-iteration} module, or the {@code rounds} package that persists its types), or the
 * two form a cycle. Read off the compiled classes, whose constant pools name every class they use,
 * also those written with fully qualified names instead of imports.
 */
class StoreDependenciesTest {

    /** What the store must not use, as binary-name prefixes. */
    private static final List<String> ABOVE = List.of(
            "dev/stepwise/iteration/",
            "dev/stepwise/prover/cli/",
            "dev/stepwise/prover/app/",
            "dev/stepwise/prover/iterate/",
            "dev/stepwise/prover/eval/",
            "dev/stepwise/prover/rounds/",
            "dev/stepwise/prover/bench/",
            "dev/stepwise/prover/report/");

    @Test
    void noStoreClassUsesTheCliPackage() throws Exception {
        List<String> offenders = storeClasses().stream().filter(p -> uses(p, "dev/stepwise/prover/cli/"))
                .map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of(), offenders);
    }

    @Test
    void noStoreClassUsesIterationOrTheApplication() throws Exception {
        List<String> offenders = storeClasses().stream()
                .flatMap(p -> ABOVE.stream().filter(prefix -> uses(p, prefix)).map(prefix -> p.getFileName() + " uses " + prefix))
                .toList();
        assertEquals(List.of(), offenders);
    }

    /** Every compiled class of the store package and its sub-packages. */
    static List<Path> storeClasses() throws Exception {
        Path classes = Path.of(Store.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/stepwise/prover/store");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        assertTrue(files.size() > 40, "too few store classes found in " + classes + ": " + files.size());
        return files;
    }

    private static boolean uses(Path classFile, String prefix) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(prefix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
