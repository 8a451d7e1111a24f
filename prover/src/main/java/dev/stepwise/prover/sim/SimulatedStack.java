package dev.stepwise.prover.sim;

import dev.stepwise.lean.ReplVersion;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.model.SimulatedModelServer;
import dev.stepwise.prover.sim.repl.ReplDialect;
import dev.stepwise.prover.sim.repl.SimulatedReplMain;
import dev.stepwise.prover.sim.train.SimulatedTrainerMain;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code --simulate WORLD} needs: the simulated model server running in this JVM on a
 * free loopback port, and the command line that starts a simulated REPL process. A run uses
 * them exactly as it uses a real server and a real REPL (through the model URL and the REPL
 * command); the simulated REPL and server name themselves when asked ({@code lean.SimulatedReplProbe},
 * {@code policy.client.SimulatedServerHeader}), which is how a run knows it is SIMULATED however it was pointed at them.
 */
public final class SimulatedStack implements AutoCloseable {
    /** The lean entry point of simulated REPL processes (no command tree to build at each start). */
    static final String REPL_MAIN = SimulatedReplMain.class.getName();
    /**
     * The lean entry point of the simulated trainer, as a round starts it: it lives here in sim, so
     * the simulator names no class of the command line above it (it used to start {@code stepwise
     * sim train} through the CLI's main class).
     */
    static final String TRAINER_MAIN = SimulatedTrainerMain.class.getName();

    private final Path worldFile;
    private final World world;
    private final SimulatedModelServer server;
    private final Optional<Path> classArchive;

    private SimulatedStack(Path worldFile, World world, SimulatedModelServer server, Optional<Path> classArchive) {
        this.worldFile = worldFile;
        this.world = world;
        this.server = server;
        this.classArchive = classArchive;
    }

    /**
     * Loads the world and starts the model server; close the stack to stop it. The first start
     * after a build also makes the simulated REPL's class archive (see {@link #prepareClassArchive}).
     */
    public static SimulatedStack start(Path worldFile, ModelDialect dialect) {
        Path abs = worldFile.toAbsolutePath().normalize();
        World world = new WorldFile().read(abs);
        Optional<Path> archive = prepareClassArchive(abs);
        SimulatedModelServer server = new SimulatedModelServer(world, dialect, world.seed(), InstantSource.system());
        server.start(0);
        return new SimulatedStack(abs, world, server, archive);
    }

    /**
     * Makes, if it is missing, the class archive that lets simulated REPL JVMs start on less CPU
     * (a second or two, once per build); benchmarks call it before their clock starts.
     */
    public static Optional<Path> prepareClassArchive(Path worldFile) {
        return ReplClassArchive.prepare(worldFile.toAbsolutePath().normalize(), javaCommand(REPL_MAIN, List.of()));
    }

    /**
     * The REPL command line: this JVM's java and class path running the simulated REPL (what
     * {@code stepwise sim repl --world WORLD} runs). Every process it starts draws its own faults
     * (their seed comes from the process id).
     */
    public List<String> replCommand() {
        List<String> cmd = new ArrayList<>(javaCommand(REPL_MAIN, List.of("--world", worldFile.toString())));
        classArchive.ifPresent(a -> cmd.add(1, "-XX:SharedArchiveFile=" + a));
        return List.copyOf(cmd);
    }

    /**
     * The Lean version the REPL of {@link #replCommand()} answers when asked
     * ({@code lean.LeanVersionProbe}): the world file states it, so a run reads it here instead of
     * starting a REPL process to ask.
     */
    public ReplVersion replVersion() {
        return ReplDialect.forWorld(world).version();
    }

    /** The REPL command line acting as the REPL of {@code dialect} ({@code --repl-version}, {@code --flush-fix}). */
    public List<String> replCommand(ReplDialect dialect) {
        List<String> cmd = new ArrayList<>(replCommand());
        cmd.addAll(List.of("--repl-version", dialect.version().toString()));
        if (dialect.flushFix()) {
            cmd.add("--flush-fix");
        }
        return List.copyOf(cmd);
    }

    /**
     * The simulated trainer's command line, what {@code stepwise sim train ARGS} does, in a fresh
     * JVM with this JVM's java and class path (see {@link SimulatedTrainerMain} for its arguments).
     */
    public static List<String> trainerCommand(List<String> args) {
        return javaCommand(TRAINER_MAIN, args);
    }

    /** A simulated REPL replaying a recorded session, as {@code stepwise sim repl --transcript IN OUT}. */
    public static List<String> transcriptReplCommand(Path in, Path expected) {
        return javaCommand(REPL_MAIN, List.of("--transcript", in.toString(), expected.toString()));
    }

    /**
     * A command line running {@code main} with {@code args} in a fresh, small JVM with this JVM's
     * java and class path (tests start {@code stepwise} itself with it).
     */
    public static List<String> javaCommand(String main, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A small, quickly started JVM: the simulated REPL needs little heap, and its memory
        // growth is off-heap so the direct-memory limit plays the role of the OOM killer.
        cmd.add("-Xmx512m");
        cmd.add("-XX:MaxDirectMemorySize=2g");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        // The JVM's own warnings (a stale class archive, say) go to stdout by default, which is the
        // REPL's protocol channel: to stderr with them.
        cmd.add("-Xlog:disable");
        cmd.add("-Xlog:all=warning:stderr");
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main);
        cmd.addAll(args);
        return List.copyOf(cmd);
    }

    /** The base URL of the simulated completions server, e.g. {@code http://127.0.0.1:41234}. */
    public URI modelUrl() {
        return server.url();
    }

    /** The model name to send in requests. */
    public String modelName() {
        return world.model();
    }

    public World world() {
        return world;
    }

    public SimulatedModelServer server() {
        return server;
    }

    /** What a run records and prints so nobody takes its numbers for real ones. */
    public String label() {
        return "SIMULATED (world " + worldFile + ", " + world.theorems().size() + " theorems, seed " + world.seed() + ")";
    }

    @Override
    public void close() {
        server.close();
    }
}
