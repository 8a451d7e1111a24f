package dev.stepwise.prover.sim.model;

import dev.stepwise.prover.sim.world.World;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The simulated model server as {@code stepwise sim model} runs it: in the foreground of its own
 * process, closed when the process ends, serving until it is interrupted.
 */
public final class ModelServerProcess {
    private ModelServerProcess() {
    }

    /**
     * Starts the server on 127.0.0.1:{@code port} with the world's seed unless {@code seed} is
     * given, and closes it when the JVM exits. Returns the bound port. An adapter that cannot be
     * loaded throws IllegalArgumentException; a port it cannot listen on, UncheckedIOException.
     */
    public static int start(World world, ModelDialect dialect, Long seed, List<Path> loraAtStart, int port) {
        SimulatedModelServer server = new SimulatedModelServer(world, dialect, seed == null ? world.seed() : seed,
                InstantSource.system(), loraAtStart);
        int bound = server.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sim-model-shutdown"));
        return bound;
    }

    /** Blocks until the process is interrupted or ends. */
    public static void serveUntilInterrupted() throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
