package dev.stepwise.prover.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Many virtual threads reading while others write, through one store and through two, on SQLite and on PostgreSQL. */
class ConcurrentAccessTest {
    private static final int ATTEMPTS = 60;
    private static final int TREE_NODES = 40;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void readersSeeOnlyWholeAttemptsWhileOneWriterCommits(TestEngine engine) throws Exception {
        try (TestEngine.Place place = engine.place(dir); Store store = place.open()) {
            RunId run = store.runs().create(Samples.run("r")).id();
            store.problems().add(run, Samples.problems(ATTEMPTS));
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger reads = new AtomicInteger();
            ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> readers = new ArrayList<>();
                for (int r = 0; r < 16; r++) {
                    readers.add(threads.submit(() -> {
                        int lastSeen = 0;
                        do {
                            List<Attempt> attempts = store.attempts().forRun(run);
                            if (attempts.size() < lastSeen) {
                                violations.add("attempt count went back from " + lastSeen + " to " + attempts.size());
                            }
                            lastSeen = attempts.size();
                            if (!attempts.isEmpty()) {
                                Attempt last = attempts.get(attempts.size() - 1);
                                int nodes = store.attempts().tree(last.id()).nodes().size();
                                if (nodes != TREE_NODES) {
                                    violations.add("attempt " + last.id() + " seen with " + nodes + " nodes");
                                }
                            }
                            reads.incrementAndGet();
                        } while (writing.get());
                        return null;
                    }));
                }
                Future<?> writer = threads.submit(() -> {
                    try {
                        for (int i = 0; i < ATTEMPTS; i++) {
                            store.attempts().record(Samples.provedAttempt(run, String.format("p%04d", i), 0, TREE_NODES,
                                    "a" + i + " "));
                        }
                    } finally {
                        writing.set(false);
                    }
                    return null;
                });
                writer.get();
                for (Future<?> f : readers) {
                    f.get();
                }
            }
            assertEquals(List.of(), List.copyOf(violations));
            assertTrue(reads.get() >= 16, "some reader never read");
            assertEquals(ATTEMPTS, store.attempts().forRun(run).size());
        }
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void writesFromHundredsOfVirtualThreadsAllCommit(TestEngine engine) throws Exception {
        int problems = 300;
        try (TestEngine.Place place = engine.place(dir); Store store = place.open()) {
            RunId run = store.runs().create(Samples.run("r")).id();
            store.problems().add(run, Samples.problems(problems));
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < problems; i++) {
                    String name = String.format("p%04d", i);
                    threads.submit(() -> {
                        store.problems().start(run, name, Samples.T0);
                        store.problems().finish(run, name, ProblemStatus.UNPROVED, Samples.T0.plusSeconds(1));
                        return null;
                    });
                }
            }
            assertEquals(List.of(), store.problems().unfinished(run));
            assertEquals(new RunOverview(store.runs().find(run).orElseThrow(), problems, 0, problems, 0),
                    store.runs().list().get(0));
        }
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void twoStoresOnOneDatabaseShareItThroughTheBusyTimeout(TestEngine engine) throws Exception {
        try (TestEngine.Place place = engine.place(dir); Store a = place.open(Duration.ofSeconds(30));
                Store b = place.open(Duration.ofSeconds(30))) {
            RunId run = a.runs().create(Samples.run("r")).id();
            a.problems().add(run, Samples.problems(40));
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 40; i++) {
                    Store store = i % 2 == 0 ? a : b;
                    String name = String.format("p%04d", i);
                    threads.submit(() -> store.attempts().record(Samples.provedAttempt(run, name, 0, 20, name + " ")));
                }
            }
            assertEquals(40, b.attempts().forRun(run).size());
            assertEquals(40, a.attempts().forRun(run).size());
        }
    }

    /**
     * A process that opens a new database while another holds its lock (a round starting while
     * 'stepwise rounds list' creates the file, a test watching a run) waits for it: switching the
     * new file to WAL used to answer SQLITE_BUSY at once, without the busy timeout.
     */
    @Test
    void openingANewFileWaitsForAnotherProcessesLock() throws Exception {
        Path db = dir.resolve("new.db");
        try (java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                java.sql.Statement st = other.createStatement();
                ExecutorService threads = Executors.newSingleThreadExecutor()) {
            st.execute("BEGIN EXCLUSIVE");
            Future<Integer> opening = threads.submit(() -> {
                try (Store s = Store.open(db, Duration.ofSeconds(30))) {
                    return s.schemaVersion();
                }
            });
            Thread.sleep(500);
            assertTrue(!opening.isDone(), "the store did not wait for the lock");
            st.execute("COMMIT");
            assertTrue(opening.get() > 0);
        }
    }
}
