package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The deployment recipes under deploy/ parse as what they are (a YAML Kubernetes indexed Job,
 * systemd units of sections and Key=Value lines, a cron line of five fields and a command), every
 * {@code stepwise} command line in them parses against the real command tree (a flag or command
 * that does not exist fails here), and each names the settings it needs.
 */
class DeployRecipesTest {
    private static final Path DEPLOY = CliHarness.repoRoot().resolve("deploy");
    /** A stepwise invocation up to the end of its shell command. */
    private static final Pattern INVOCATION = Pattern.compile("bin/stepwise\"?((?:[ \\t]+[^\\s;&|>]+)+)");

    @TempDir
    Path dir;

    @Test
    void everyStepwiseCommandLineInTheRecipesParses() throws IOException {
        List<Path> files;
        try (var walk = Files.walk(DEPLOY)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertEquals(6, files.size(), files.toString());
        for (Path f : files) {
            List<List<String>> lines = invocations(Files.readString(f));
            // A timer only starts its service.
            assertEquals(f.toString().endsWith(".timer"), lines.isEmpty(), f + ": " + lines);
            for (List<String> args : lines) {
                try {
                    cli().parseArgs(args.toArray(String[]::new));
                } catch (CommandLine.ParameterException e) {
                    throw new AssertionError(f + ": 'stepwise " + String.join(" ", args) + "' does not parse: " + e.getMessage(), e);
                }
            }
        }
    }

    @Test
    void aFlagThatDoesNotExistIsCaught() {
        assertThrows(CommandLine.ParameterException.class, () -> cli().parseArgs("worker", "--run", "x", "--no-such-flag"));
        assertThrows(CommandLine.ParameterException.class, () -> cli().parseArgs("worker"));
        assertEquals(List.of(List.of("worker", "--run", "X", "--workers", "8")),
                invocations("exec /opt/stepwise/bin/stepwise worker --run \"$STEPWISE_RUN\" --workers 8 > log"));
    }

    @Test
    void theIterateRecipeShowsHowWorkersShareTheRoundsSearch() throws IOException {
        List<List<String>> lines = invocations(Files.readString(DEPLOY.resolve("systemd/stepwise-iterate.service")));
        assertTrue(lines.contains(List.of("iterate", "--pool", "X", "--shared", "--coordinate")), lines.toString());
        assertTrue(lines.contains(List.of("worker", "--run", "round-N-search", "--give-up-after", "2h")), lines.toString());
    }

    @Test
    void eachRecipeNamesTheSettingsItNeeds() throws IOException {
        for (String name : List.of("slurm/stepwise-shared-eval.sbatch", "kubernetes/stepwise-workers-job.yaml",
                "systemd/stepwise-worker@.service", "systemd/stepwise-iterate.service", "cron/stepwise-iterate.cron")) {
            String text = Files.readString(DEPLOY.resolve(name));
            for (String setting : List.of("STEPWISE_STORE_URL", "PGPASSWORD", "STEPWISE_LEAN_PROJECT", "STEPWISE_MODEL_URL")) {
                assertTrue(text.contains(setting), name + " does not name " + setting);
            }
            assertFalse(text.matches("(?s).*postgres(ql)?://[^/\\s]*:[^@/\\s]*@.*"), name + " puts a password in a URL");
        }
    }

    @Test
    void theKubernetesJobIsAnIndexedJob() throws IOException {
        JsonNode job = new YAMLMapper().readTree(DEPLOY.resolve("kubernetes/stepwise-workers-job.yaml").toFile());
        assertEquals("batch/v1", job.path("apiVersion").asText());
        assertEquals("Job", job.path("kind").asText());
        assertEquals("Indexed", job.path("spec").path("completionMode").asText());
        JsonNode container = job.path("spec").path("template").path("spec").path("containers").path(0);
        assertTrue(container.path("args").path(0).asText().contains("JOB_COMPLETION_INDEX"), container.toString());
        assertEquals("password", container.path("env").findParent("secretKeyRef").path("secretKeyRef").path("key").asText());
    }

    @Test
    void theSystemdUnitsAreSectionsOfKeyValueLinesAndTheCronLineHasFiveFields() throws IOException {
        for (String unit : List.of("stepwise-worker@.service", "stepwise-iterate.service", "stepwise-iterate.timer")) {
            List<String> sections = new ArrayList<>();
            for (String line : Files.readAllLines(DEPLOY.resolve("systemd").resolve(unit))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.matches("\\[[A-Za-z]+\\]")) {
                    sections.add(line);
                } else {
                    assertTrue(line.matches("[A-Za-z]+=\\S.*") && !sections.isEmpty(), unit + ": not a unit line: " + line);
                }
            }
            assertEquals("[Unit]", sections.get(0), unit);
            assertTrue(sections.contains(unit.endsWith(".timer") ? "[Timer]" : "[Service]"), unit + " " + sections);
        }
        List<String> cron = Files.readAllLines(DEPLOY.resolve("cron/stepwise-iterate.cron")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertEquals(1, cron.size(), cron.toString());
        String[] fields = cron.get(0).split("\\s+", 6);
        assertTrue(Arrays.stream(fields, 0, 5).allMatch(x -> x.matches("[0-9*/,-]+")), cron.get(0));
    }

    private CommandLine cli() {
        return new Cli(new Invocation(Map.of(), dir, CliHarness.repoRoot())).commandLine();
    }

    /** The arguments of every stepwise invocation in {@code text}; a shell or systemd variable reads as "X". */
    private static List<List<String>> invocations(String text) {
        List<List<String>> out = new ArrayList<>();
        Matcher m = INVOCATION.matcher(text.replace("\\\n", " "));
        while (m.find()) {
            List<String> args = new ArrayList<>();
            for (String token : m.group(1).trim().split("[ \\t]+")) {
                String unquoted = token.replaceAll("^[\"']|[\"']$", "");
                args.add(unquoted.contains("$") || unquoted.contains("%i") ? "X" : unquoted);
            }
            out.add(args);
        }
        return out;
    }
}
