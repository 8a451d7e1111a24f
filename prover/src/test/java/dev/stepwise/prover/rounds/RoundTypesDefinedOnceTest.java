package dev.stepwise.prover.rounds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.iteration.RoundStore;
import dev.stepwise.prover.store.Store;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The round and example types exist once: the expert-iteration module's, which the prover stores
 * as they are. Read off the compiled top-level classes of both modules, so a second copy under any
 * package of either is caught.
 */
class RoundTypesDefinedOnceTest {
    private static final List<String> NAMES = List.of("ExampleFilter", "ExampleKind", "ProblemHistory", "Promotion",
            "PromotionDecision", "RoundStatus", "StageRecord", "Stage", "RoundRecord");

    @Test
    void eachRoundTypeIsDefinedOnceAcrossIterationAndProver() throws Exception {
        Map<String, List<String>> found = new TreeMap<>();
        for (Class<?> anchor : List.of(RoundStore.class, Store.class)) {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            // a module is a class folder when built in the reactor, a jar when packaged
            FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
            Path root = jar == null ? location : jar.getPath("/");
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
                        .forEach(p -> {
                            String simple = p.getFileName().toString().replace(".class", "");
                            if (NAMES.contains(simple)) {
                                found.computeIfAbsent(simple, k -> new ArrayList<>())
                                        .add(root.relativize(p).toString().replace('\\', '/'));
                            }
                        });
            } finally {
                if (jar != null) {
                    jar.close();
                }
            }
        }
        Map<String, List<String>> twice = new TreeMap<>();
        found.forEach((name, where) -> {
            if (where.size() > 1) {
                twice.put(name, where);
            }
        });
        assertEquals(Map.of(), twice);
        assertEquals(NAMES.stream().sorted().toList(), List.copyOf(found.keySet()), "each name is still defined once");
    }
}
