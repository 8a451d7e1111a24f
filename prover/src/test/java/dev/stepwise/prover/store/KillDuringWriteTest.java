package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.search.RecordedTree;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real JVM writing to the store is killed with SIGKILL in the middle of its writes, several
 * times; after each kill the database must be intact, hold every commit the child reported, hold
 * no partial attempt, and let the run resume where it stopped.
 */
@Tag("slow") // a child JVM killed mid-write
class KillDuringWriteTest {
    @TempDir
    Path dir;

    @Test
    void aRunKilledMidWriteResumesFromAConsistentDatabase() throws Exception {
        Path db = dir.resolve("stepwise.db");
        Set<String> reported = new HashSet<>();
        // Kill after 3 commits, then as soon as the child announces its next attempt write (it is
        // then inside that transaction, which takes milliseconds for a tree of this size), and so on.
        int[][] plan = {{3, 0}, {2, 1}, {5, 1}, {4, 0}};
        for (int[] step : plan) {
            int commitsBeforeKill = step[0];
            boolean killWhileWriting = step[1] == 1;
            Process child = start(db);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                int seen = 0;
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("committed ")) {
                        reported.add(line.substring("committed ".length()));
                        seen++;
                        if (seen == commitsBeforeKill && !killWhileWriting) {
                            break;
                        }
                    } else if (line.startsWith("writing ") && seen == commitsBeforeKill) {
                        break;
                    }
                }
                assertEquals(commitsBeforeKill, seen, "the child stopped early");
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                assertEquals(137, child.exitValue());
            }
            assertConsistent(db, reported);
        }
        // the last resume runs to the end
        Process child = start(db);
        assertTrue(child.waitFor(300, TimeUnit.SECONDS), "the resumed child did not finish");
        String tail = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), tail);
        assertTrue(tail.endsWith("done\n"), tail);
        try (Store store = Store.open(db, Duration.ofSeconds(5))) {
            RunId run = store.runs().findByName(StoreWriterProcess.RUN).orElseThrow().id();
            assertEquals(RunStatus.COMPLETED, store.runs().find(run).orElseThrow().status());
            assertEquals(List.of(), store.problems().unfinished(run));
            assertEquals(StoreWriterProcess.PROBLEMS, store.attempts().forRun(run).size());
        }
    }

    private static Process start(Path db) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), StoreWriterProcess.class.getName(), db.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void assertConsistent(Path db, Set<String> reported) throws Exception {
        assertEquals(List.of("ok"), SchemaMigrationTest.query(db, "PRAGMA integrity_check"));
        assertEquals(List.of(), SchemaMigrationTest.query(db, "PRAGMA foreign_key_check"));
        try (Store store = Store.open(db, Duration.ofSeconds(5))) {
            RunId run = store.runs().findByName(StoreWriterProcess.RUN).orElseThrow().id();
            List<Attempt> attempts = store.attempts().forRun(run);
            Set<String> withAttempt = new HashSet<>();
            for (Attempt a : attempts) {
                assertTrue(withAttempt.add(a.problem()), "two attempts for " + a.problem());
                RecordedTree tree = store.attempts().tree(a.id());
                assertEquals(StoreWriterProcess.TREE_NODES, tree.nodes().size(), "partial tree of " + a.problem());
                assertEquals(2 * StoreWriterProcess.TREE_NODES, tree.edges().size(), "partial tree of " + a.problem());
                assertTrue(a.proved(), "proof of " + a.problem());
            }
            assertTrue(withAttempt.containsAll(reported), "a reported commit is missing");
            // a problem is marked proved only after its attempt committed
            for (RunProblem p : store.problems().list(run)) {
                if (p.status() == ProblemStatus.PROVED) {
                    assertTrue(withAttempt.contains(p.problem().name()), p.problem().name() + " proved without attempt");
                }
            }
            assertEquals(StoreWriterProcess.PROBLEMS, store.problems().list(run).size());
        }
    }
}
