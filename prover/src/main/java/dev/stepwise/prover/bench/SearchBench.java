package dev.stepwise.prover.bench;

import dev.stepwise.prover.bench.BenchFigure.Target;
import dev.stepwise.search.Budgets;
import dev.stepwise.search.CriticMode;
import dev.stepwise.search.ForbiddenTactics;
import dev.stepwise.search.ScoreMode;
import dev.stepwise.search.Search;
import dev.stepwise.search.SearchConfig;
import dev.stepwise.search.SearchResult;
import dev.stepwise.search.SearchServices;
import dev.stepwise.search.Suggestions;
import dev.stepwise.search.TacticOutcome;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The search's own overhead: best-first search on a simulated instant world (see
 * {@link SyntheticSearchWorld}) grown to N state nodes.
 *
 * <ul>
 *   <li>{@code us_per_edge_N}: CPU time of the whole JVM (searching thread, GC, JIT) during one
 *       attempt, including building its recorded tree, per edge tried, with the instant policy and
 *       environment. CPU time, not wall time, because these machines are shared: wall time is shown
 *       beside it. The instant world's own cost, measured alone, is shown too and is included.</li>
 *   <li>{@code bytes_per_node_N}: heap in use after a full GC with the tree grown to N nodes,
 *       minus the heap in use before the search, per node. State texts are made before the first
 *       reading and so are not counted; tactic texts come from a small shared vocabulary.</li>
 * </ul>
 */
public final class SearchBench implements Benchmark {
    static final double TARGET_US_PER_EDGE = 2.0;
    static final double TARGET_BYTES_PER_NODE = 200.0;
    private static final long WARM_COMPILE_MILLIS = 5;
    private static final int QUIET_ROUNDS = 3;
    private static final int MAX_WARM_ROUNDS = 20;

    private final List<Integer> sizes;
    private final int width;

    public SearchBench(List<Integer> sizes, int width) {
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 100)) {
            throw new IllegalArgumentException("sizes must be at least 100 nodes each, got " + sizes);
        }
        this.sizes = List.copyOf(sizes);
        this.width = width;
    }

    @Override
    public String name() {
        return "search";
    }

    private record Row(int size, int nodes, long expansions, long edges, int maxDepth, double cpuUsPerEdge,
            double threadUsPerEdge, double gcPauseUsPerEdge, double wallUsPerEdge, double worldUsPerEdge,
            double bytesPerNode, long jitMillis) {
    }

    @Override
    public List<BenchFigure> run(PrintWriter out) {
        out.println("Best-first search on a simulated instant world (W = " + width + ", alpha = 0.5, sum scores;");
        out.println("about 20% errors, 6% merges, 1% cycles), grown to each size. Simulated: no Lean, no model.");
        out.flush();
        // Warm the JIT on small trees so the first measured size is not charged for compilation. One
        // plain search that ran its world out of states was not enough: its profile was mostly errors,
        // and the measurement's own search with a progress observer made the JIT deoptimise and
        // recompile the search loop, so on a busy machine the first measured size carried seconds of
        // compiler time. So: the whole measurement at a small size (the same code, down to the
        // progress observer's class), repeated until it leaves almost nothing to compile. One quiet
        // round was not enough either: tiered compilation can pause and then compile hundreds of
        // milliseconds more, so the quiet has to last QUIET_ROUNDS rounds in a row.
        int warmUp = Math.min(20_000, sizes.stream().mapToInt(Integer::intValue).min().orElseThrow());
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        int rounds = 0;
        int quiet = 0;
        long compileMillis;
        do {
            long before = jit.getTotalCompilationTime();
            measure(warmUp);
            compileMillis = jit.getTotalCompilationTime() - before;
            quiet = compileMillis <= WARM_COMPILE_MILLIS ? quiet + 1 : 0;
            rounds++;
        } while (quiet < QUIET_ROUNDS && rounds < MAX_WARM_ROUNDS);
        out.println("JIT warm-up: " + rounds + " rounds at " + warmUp + " nodes; the JIT compiled for "
                + compileMillis + " ms during the last.");
        out.flush();

        List<Row> rows = new ArrayList<>();
        for (int n : sizes) {
            rows.add(measure(n));
        }
        out.printf("%9s %10s %9s %6s %9s %9s %9s %9s %9s %11s %7s%n", "nodes", "expansions", "edges", "depth",
                "cpu us", "thread us", "gc us", "wall us", "world us", "bytes/node", "jit ms");
        for (Row r : rows) {
            out.printf("%9d %10d %9d %6d %9.3f %9.3f %9.3f %9.3f %9.3f %11.1f %7d%n", r.nodes, r.expansions, r.edges,
                    r.maxDepth, r.cpuUsPerEdge, r.threadUsPerEdge, r.gcPauseUsPerEdge, r.wallUsPerEdge,
                    r.worldUsPerEdge, r.bytesPerNode, r.jitMillis);
        }
        out.println("(Per edge tried. cpu: CPU time of the whole JVM during the attempt (search thread, GC and JIT");
        out.println(" threads): the figure. thread: the searching thread alone. gc: GC pause time. wall: elapsed time,");
        out.println(" inflated when the machine is busy. world: the instant world's own calls, measured alone.");
        out.println(" jit: milliseconds the JIT compiled during the attempt, included in cpu.)");
        out.println("Heap: " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max (STEPWISE_JVM_OPTS=-Xmx... to change).");
        List<BenchFigure> figures = new ArrayList<>();
        for (Row r : rows) {
            String size = sizeName(r.size);
            figures.add(new BenchFigure("search", "us_per_edge_" + size, r.cpuUsPerEdge, Target.atMost(TARGET_US_PER_EDGE)));
            figures.add(new BenchFigure("search", "bytes_per_node_" + size, r.bytesPerNode, Target.atMost(TARGET_BYTES_PER_NODE)));
        }
        return figures;
    }

    /** 100000 as "1e5", 20000 as "2e4", other numbers as they are. */
    static String sizeName(int n) {
        int exponent = 0;
        int mantissa = n;
        while (mantissa % 10 == 0 && mantissa > 0) {
            mantissa /= 10;
            exponent++;
        }
        return mantissa < 10 && exponent > 0 ? mantissa + "e" + exponent : Integer.toString(n);
    }

    private SearchConfig config(long maxExpansions) {
        return new SearchConfig(width, 0.5, ScoreMode.SUM, 1.0, Budgets.unlimited().withMaxExpansions(maxExpansions),
                ForbiddenTactics.bfsProverV2(), CriticMode.POLICY_ONLY, 1.0);
    }

    private static SearchServices services(SyntheticSearchWorld world) {
        return SearchServices.of(world.environment(), world.policy());
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report process CPU time (com.sun.management)");
    }

    private static long gcMillis() {
        long total = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private Row measure(int nodes) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        // Memory: grow the tree until it has `nodes` nodes, read the heap there, then stop the search.
        SyntheticSearchWorld world = new SyntheticSearchWorld(nodes + 4 * width, width);
        long before = usedAfterGc(memory);
        AtomicLong after = new AtomicLong();
        AtomicLong expansionsAtSize = new AtomicLong();
        Search[] holder = new Search[1];
        holder[0] = Search.create(SyntheticSearchWorld.THEOREM, config(Long.MAX_VALUE), 1, services(world), progress -> {
            if (progress.nodes() >= nodes && expansionsAtSize.get() == 0) {
                expansionsAtSize.set(progress.expansions());
                after.set(usedAfterGc(memory));
                holder[0].cancel();
            }
        });
        SearchResult grown = holder[0].run();
        double bytesPerNode = (after.get() - before) / (double) grown.nodes();
        holder[0] = null;
        grown = null;

        // Time: the same search again, stopped by its expansion budget at the same size, with nothing watching.
        SyntheticSearchWorld timedWorld = new SyntheticSearchWorld(nodes + 4 * width, width);
        usedAfterGc(memory);
        long gc0 = gcMillis();
        long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long process0 = processCpuNanos();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        SearchResult timed = Search.create(SyntheticSearchWorld.THEOREM, config(expansionsAtSize.get()), 1,
                services(timedWorld)).run();
        long wallNanos = System.nanoTime() - t0;
        long threadNanos = threads.getCurrentThreadCpuTime() - cpu0;
        long processNanos = processCpuNanos() - process0;
        long gcNanos = (gcMillis() - gc0) * 1_000_000;
        long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0;
        long edges = timed.tree().edges().size();

        double worldNanos = worldAlone(nodes, timed.expansions());
        return new Row(nodes, timed.nodes(), timed.expansions(), edges, timed.maxDepth(), processNanos / 1000.0 / edges,
                threadNanos / 1000.0 / edges, gcNanos / 1000.0 / edges, wallNanos / 1000.0 / edges,
                worldNanos / 1000.0 / edges, bytesPerNode, jitMillis);
    }

    /** The instant world's own cost for the same number of expansions, without any search around it. */
    private double worldAlone(int nodes, long expansions) {
        SyntheticSearchWorld world = new SyntheticSearchWorld(nodes + 4 * width, width);
        var threads = ManagementFactory.getThreadMXBean();
        long t0 = threads.getCurrentThreadCpuTime();
        long sink = 0;
        for (long e = 0; e < expansions; e++) {
            int state = (int) (e % nodes);
            Suggestions s = world.suggestions(state, width);
            for (var c : s.candidates()) {
                sink += world.outcome(state, c.tactic()) instanceof TacticOutcome.Progress ? 1 : 0;
            }
        }
        long nanos = threads.getCurrentThreadCpuTime() - t0;
        if (sink == 42) {
            System.out.print(""); // keeps the loop from being optimised away
        }
        return nanos;
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        // Several collections: one may leave garbage that a later one finds (finalisable or soft objects).
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
