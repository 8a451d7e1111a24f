package dev.stepwise.prover.sim.repl;

import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.sim.world.WorldFormatException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A lean entry point for simulated REPL processes: the same as {@code stepwise sim repl} but
 * without building the whole command tree, because a pool starts many of these and the real
 * REPL's start-up cost is the world's to simulate, not the JVM's. Arguments:
 * {@code --world WORLD [--seed S]} or {@code --transcript X.in X.expected.out}.
 */
public final class SimulatedReplMain {
    private SimulatedReplMain() {
    }

    public static void main(String[] args) {
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        SimulatedRepl repl;
        try {
            repl = parse(args, err);
        } catch (IllegalArgumentException | WorldFormatException e) {
            err.println("stepwise sim repl: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(repl, err);
    }

    /** Serves stdin/stdout until the end, then exits the JVM with the REPL's exit code. */
    public static void run(SimulatedRepl repl, PrintStream err) {
        SimulatedRepl.Exit exit = repl.serve(System.in, new FileOutputStream(FileDescriptor.out), err);
        if (exit != SimulatedRepl.Exit.END) {
            // A crash: no shutdown hooks, no flushing beyond what was written, like a dying Lean.
            Runtime.getRuntime().halt(exit.code());
        }
        System.exit(0);
    }

    private static SimulatedRepl parse(String[] args, PrintStream err) {
        if (args.length == 3 && args[0].equals("--transcript")) {
            return SimulatedRepl.forTranscript(Path.of(args[1]), Path.of(args[2]), err);
        }
        if ((args.length == 2 || args.length == 4) && args[0].equals("--world")) {
            World world = new WorldFile().read(Path.of(args[1]));
            return SimulatedRepl.forWorld(world, faultSeed(world, args.length == 4 ? seedArg(args) : null), processStart());
        }
        throw new IllegalArgumentException("usage: --world WORLD [--seed S] | --transcript X.in X.expected.out");
    }

    private static Long seedArg(String[] args) {
        if (!args[2].equals("--seed")) {
            throw new IllegalArgumentException("unknown option " + args[2]);
        }
        try {
            return Long.parseLong(args[3]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed: not an integer: " + args[3]);
        }
    }

    /** When this process began, as the operating system says; now if it does not say. */
    public static Instant processStart() {
        return ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
    }

    /** An explicit seed, or the world's mixed with the process id so each process fails differently. */
    public static long faultSeed(World world, Long seed) {
        return seed != null ? seed : world.seed() ^ (ProcessHandle.current().pid() * 0x9E3779B97F4A7C15L);
    }
}
