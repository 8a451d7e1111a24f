package dev.stepwise.prover.iterate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.prover.cli.CliHarness;
import dev.stepwise.prover.store.Attempt;
import dev.stepwise.prover.store.PostgresTestServer;
import dev.stepwise.prover.store.Run;
import dev.stepwise.prover.store.RunProblem;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.StoreLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An expert-iteration round whose search stage goes through the store's queue, on the real
 * PostgreSQL server, through the real command tree: {@code iterate --shared --coordinate}
 * searches nothing of it, a {@code stepwise worker} (in this JVM, with its own simulator, Lean
 * pool and store connections) searches the pre-pass and the search runs, started before they
 * exist; the round harvests only when both are done, and harvests exactly what a one-process
 * round of the same world and seeds harvests.
 */
@Tag("slow") // two simulated rounds through the CLI
class SharedRoundSearchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WORKER_DONE = Pattern.compile("this worker finished (\\d+)");

    @TempDir
    Path dir;
    private StoreLocation.Postgres soloDb;
    private StoreLocation.Postgres sharedDb;

    @BeforeEach
    void create() {
        soloDb = PostgresTestServer.createDatabase();
        sharedDb = PostgresTestServer.createDatabase();
    }

    @AfterEach
    void drop() {
        PostgresTestServer.drop(soloDb);
        PostgresTestServer.drop(sharedDb);
    }

    @Test
    void aRoundSearchedByAWorkerHarvestsWhatAOneProcessRoundHarvests() throws Exception {
        Path pool = dir.resolve("pool.jsonl");
        List<String> lines = Files.readAllLines(CliHarness.repoRoot().resolve("datasets/minif2f/test.jsonl"), StandardCharsets.UTF_8);
        Files.write(pool, lines.subList(0, 40), StandardCharsets.UTF_8);
        Path world = dir.resolve("world.json");
        var generated = new CliHarness(dir).run("sim", "generate", "--from", pool.toString(), "--seed", "5", "--out", world.toString(),
                "--timeout-rate", "0", "--crash-rate", "0", "--header-import", "20ms", "--model-latency", "2ms");
        assertEquals(0, generated.exitCode(), generated.err());

        CliHarness.Result solo = new CliHarness(dir).run(iterate(soloDb, pool, world, dir.resolve("solo")));
        assertEquals(0, solo.exitCode(), solo.err());

        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<CliHarness.Result> round = CompletableFuture.supplyAsync(() -> new CliHarness(dir).run(
                iterate(sharedDb, pool, world, dir.resolve("shared"), "--shared", "--coordinate")), threads);
        // Started at once: each worker waits for its run (the round selects first), then searches all of it.
        int searched = 0;
        StringBuilder said = new StringBuilder();
        for (String run : List.of("round-1-prepass", "round-1-search")) {
            CliHarness.Result worker = new CliHarness(dir).run("--db", sharedDb.toString(), "worker", "--run", run,
                    "--give-up-after", "5m", "--set", "pool.size=2");
            assertEquals(0, worker.exitCode(), worker.err());
            Matcher m = WORKER_DONE.matcher(worker.err());
            assertTrue(m.find(), worker.err());
            searched += Integer.parseInt(m.group(1));
            said.append(worker.err());
        }
        CliHarness.Result shared = round.get();
        threads.shutdown();
        assertEquals(0, shared.exitCode(), shared.err() + said);

        try (Store store = Store.open(sharedDb, Duration.ofSeconds(5), Map.of())) {
            Run prepass = store.runs().findByName("round-1-prepass").orElseThrow();
            Run search = store.runs().findByName("round-1-search").orElseThrow();
            // The worker searched every problem of the stage (the round searched none: it coordinated).
            assertEquals(store.problems().list(prepass.id()).size() + store.problems().list(search.id()).size(), searched, said.toString());
        }
        // Harvested and searched alike; an example names its attempt by the store's row id, given in the order results
        // arrive (which differs between one process and several), so attempts are compared by run, problem and index,
        // and the search trees without the time each step took (environmentMicros, policyMicros: measured, never equal).
        for (String file : List.of("harvest.json", "search.json")) {
            String one = normalized(soloDb, dir.resolve("solo/rounds/round-0001").resolve(file));
            assertTrue(one.contains("round-1-search/"), one);
            assertEquals(one, normalized(sharedDb, dir.resolve("shared/rounds/round-0001").resolve(file)), file);
        }
        assertTrue(Files.readString(dir.resolve("solo/rounds/round-0001/harvest.json")).contains("\"completion\""));
    }

    /** The file's JSON with every attempt's row id replaced by its run, problem and index, and no step timings. */
    private static String normalized(StoreLocation.Postgres db, Path file) throws Exception {
        Map<String, String> names = new HashMap<>();
        try (Store store = Store.open(db, Duration.ofSeconds(5), Map.of())) {
            for (String name : List.of("round-1-prepass", "round-1-search")) {
                Run run = store.runs().findByName(name).orElseThrow();
                for (RunProblem p : store.problems().list(run.id())) {
                    for (Attempt a : store.attempts().forProblem(run.id(), p.problem().name())) {
                        names.put(Long.toString(a.id()), name + "/" + p.problem().name() + "#" + a.index());
                    }
                }
            }
        }
        JsonNode tree = JSON.readTree(file.toFile());
        rename(tree, names);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    }

    private static void rename(JsonNode node, Map<String, String> names) {
        if (node instanceof ObjectNode o) {
            JsonNode attempt = o.get("attempt");
            if (attempt != null && attempt.isTextual()) {
                o.put("attempt", names.getOrDefault(attempt.asText(), "unknown attempt " + attempt.asText()));
            }
            o.remove(List.of("environmentMicros", "policyMicros"));
        }
        node.forEach(child -> rename(child, names));
    }

    private static String[] iterate(StoreLocation.Postgres db, Path pool, Path world, Path data, String... more) {
        List<String> args = new ArrayList<>(List.of("--db", db.toString(), "--set", "iterate.data-dir=" + data,
                "--set", "store.runs-dir=" + data.resolve("runs"), "--set", "iterate.max-problems=24",
                "--set", "iterate.eval-fraction=0.25", "--set", "iterate.search-budget=1x8x24",
                "--set", "iterate.prepass-budget=1x1x4", "--set", "pool.size=2", "--set", "model.retries=0",
                "iterate", "--pool", pool.toString(), "--simulate", world.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }
}
