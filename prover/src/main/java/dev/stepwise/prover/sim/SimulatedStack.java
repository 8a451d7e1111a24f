package dev.stepwise.prover.sim;

import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.model.SimulatedModelServer;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code --simulate WORLD} needs: the simulated model server running in this JVM on a
 * free loopback port, and the command line that starts a simulated REPL process. A run uses
 * them exactly as it uses a real server and a real REPL (through the model URL and the REPL
 * command), so only the {@link #label()} tells them apart; runs must record it.
 */
public final class SimulatedStack implements AutoCloseable {
    /** The entry point of {@code stepwise}. */
    static final String MAIN = "dev.stepwise.prover.cli.Main";
    /** The lean entry point of simulated REPL processes (no command tree to build at each start). */
    static final String REPL_MAIN = "dev.stepwise.prover.sim.repl.SimulatedReplMain";

    private final Path worldFile;
    private final World world;
    private final SimulatedModelServer server;

    private SimulatedStack(Path worldFile, World world, SimulatedModelServer server) {
        this.worldFile = worldFile;
        this.world = world;
        this.server = server;
    }

    /** Loads the world and starts the model server; close the stack to stop it. */
    public static SimulatedStack start(Path worldFile, ModelDialect dialect) {
        Path abs = worldFile.toAbsolutePath().normalize();
        World world = new WorldFile().read(abs);
        SimulatedModelServer server = new SimulatedModelServer(world, dialect, world.seed(), InstantSource.system());
        server.start(0);
        return new SimulatedStack(abs, world, server);
    }

    /**
     * The REPL command line: this JVM's java and class path running the simulated REPL (what
     * {@code stepwise sim repl --world WORLD} runs). Every process it starts draws its own faults
     * (their seed comes from the process id).
     */
    public List<String> replCommand() {
        return javaCommand(REPL_MAIN, List.of("--world", worldFile.toString()));
    }

    /** A command line running {@code stepwise ARGS} in a fresh JVM with this JVM's java and class path. */
    public static List<String> stepwiseCommand(List<String> args) {
        return javaCommand(MAIN, args);
    }

    /** A simulated REPL replaying a recorded session, as {@code stepwise sim repl --transcript IN OUT}. */
    public static List<String> transcriptReplCommand(Path in, Path expected) {
        return javaCommand(REPL_MAIN, List.of("--transcript", in.toString(), expected.toString()));
    }

    private static List<String> javaCommand(String main, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A small, quickly started JVM: the simulated REPL needs little heap, and its memory
        // growth is off-heap so the direct-memory limit plays the role of the OOM killer.
        cmd.add("-Xmx512m");
        cmd.add("-XX:MaxDirectMemorySize=2g");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
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
