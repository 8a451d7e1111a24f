package dev.stepwise.prover;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prover's packages as layers, each using only the layers below it (docs/architecture.md
 * draws them). Checked on the compiled classes with ArchUnit, so a dependency written with a
 * fully qualified name instead of an import is seen as well; and the sources may not use such
 * names at all, nor name a class in a string (a dependency no compiler sees).
 */
class LayeringTest {
    private static final String ROOT = "dev.stepwise.prover";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
        assertTrue(classes.size() > 200, "too few classes imported: " + classes.size());
    }

    /** Top to bottom; a layer may use any layer below it, never one above. */
    static ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy(ROOT + ".cli..")
                .layer("jobs").definedBy(ROOT + ".bench..", ROOT + ".iterate..")
                .layer("app").definedBy(ROOT + ".app..", ROOT + ".console..")
                .layer("services").definedBy(ROOT + ".eval..", ROOT + ".report..", ROOT + ".rounds..")
                .layer("engine").definedBy(ROOT + ".run..", ROOT + ".critic..", ROOT + ".sim..")
                .layer("parts").definedBy(ROOT + ".policy..", ROOT + ".lean..")
                .layer("store").definedBy(ROOT + ".store..")
                .layer("base").definedBy(ROOT, ROOT + ".problems..", ROOT + ".config..", ROOT + ".exit..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("jobs").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("app").mayOnlyBeAccessedByLayers("cli", "jobs")
                .whereLayer("services").mayOnlyBeAccessedByLayers("cli", "jobs", "app")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("cli", "jobs", "app", "services")
                .whereLayer("parts").mayOnlyBeAccessedByLayers("cli", "jobs", "app", "services", "engine")
                .whereLayer("store").mayOnlyBeAccessedByLayers("cli", "jobs", "app", "services", "engine", "parts")
                .because("each package uses only the layers below it (docs/architecture.md)");
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layers().check(classes);
    }

    @Test
    void noPackageCycles() {
        // Every package and sub-package is its own slice: also sim <-> sim.repl or bench <-> iterate count.
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theStoreUsesNeitherIterationNorTheApplication() {
        // Below the layers' rule: the store persists the search's types, never the iteration module's.
        noClasses().that().resideInAPackage(ROOT + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stepwise.iteration..")
                .check(classes);
    }

    /**
     * One type per concept: no two top-level types of the four modules share a simple name (a
     * second {@code Verdict} or {@code CompletionRequest} is a mirror, or a concept named twice).
     */
    @Test
    void noTypeNameDefinedTwiceAcrossTheModules() throws IOException {
        Map<String, List<String>> byName = new TreeMap<>();
        for (String module : List.of("lean-bridge", "search", "expert-iteration", "prover")) {
            Path sources = Path.of("..", module, "src", "main", "java");
            assertTrue(Files.isDirectory(sources), "no sources at " + sources.toAbsolutePath());
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java"))
                        .forEach(p -> byName.computeIfAbsent(p.getFileName().toString().replace(".java", ""), n -> new ArrayList<>())
                                .add(sources.relativize(p).toString()));
            }
        }
        Map<String, List<String>> twice = new TreeMap<>(byName);
        twice.values().removeIf(paths -> paths.size() < 2);
        assertEquals(Map.of(), twice);
    }

    /** {@code dev.stepwise.x.Y} outside an import or package line, comments excluded, strings included. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])dev\\.stepwise\\.[a-z][\\w.]*\\.[A-Z]\\w*");

    @Test
    void noFullyQualifiedProjectNamesInMainCode() throws IOException {
        Path root = Path.of("src/main/java");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                found.addAll(qualifiedNames(file));
            }
        }
        assertEquals(List.of(), found, "use an import (the layering rules then see it); name classes by Class.getName()");
    }

    static List<String> qualifiedNames(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> found = new ArrayList<>();
        String[] lines = withoutComments(text).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("import ") || line.startsWith("package ")) {
                continue;
            }
            Matcher m = QUALIFIED.matcher(lines[i]);
            while (m.find()) {
                found.add(file.getFileName() + ":" + (i + 1) + " " + m.group());
            }
        }
        return found;
    }

    /** The text with comments blanked (line numbers kept); strings are kept, they may name classes too. */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '"' && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, text.length());
                out.append(text, i, end);
                i = end;
            } else if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                text.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + (i + 1 < text.length() && text.charAt(i + 1) == '\\' ? 3 : 2));
                end = end < 0 ? text.length() : end + 1;
                out.append(text, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
