package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.ReplVersion;
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
 * {@code --world WORLD [--seed S] [--repl-version V [--flush-fix]]} or
 * {@code --transcript X.in X.expected.out}. {@code --repl-version} names the REPL tag to act as
 * (default: the world's {@code lean}, with the flush fix as {@code make lean} applies it, else the pinned
 * {@link ReplDialect#PINNED}); {@code --flush-fix} says the REPL's flush fix
 * was applied to a tag before v4.10.0, as {@code make lean} does.
 */
public final class SimulatedReplMain {
    private static final String USAGE =
            "usage: --world WORLD [--seed S] [--repl-version V [--flush-fix]] | --transcript X.in X.expected.out";
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
        if (args.length < 2 || !args[0].equals("--world")) {
            throw new IllegalArgumentException(USAGE);
        }
        Long seed = null;
        ReplVersion version = null;
        boolean flushFix = false;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = seedArg(value(args, ++i, "--seed"));
                case "--repl-version" -> version = ReplVersion.parse(value(args, ++i, "--repl-version"));
                case "--flush-fix" -> flushFix = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        World world = new WorldFile().read(Path.of(args[1]));
        return SimulatedRepl.forWorld(world, version == null ? ReplDialect.forWorld(world) : new ReplDialect(version, flushFix),
                faultSeed(world, seed), processStart());
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static Long seedArg(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed: not an integer: " + text);
        }
    }

    /**
     * The REPL of tag {@code version}, with the flush fix when {@code flushFix}; a tag that cannot
     * be read throws IllegalArgumentException naming {@code --repl-version}.
     */
    public static ReplDialect dialect(String version, boolean flushFix) {
        try {
            return new ReplDialect(ReplVersion.parse(version), flushFix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--repl-version: " + e.getMessage(), e);
        }
    }

    /** A REPL acting out {@code world} in this process, its faults drawn from {@code seed} (see {@link #faultSeed}). */
    public static SimulatedRepl forWorld(World world, ReplDialect dialect, Long seed) {
        return SimulatedRepl.forWorld(world, dialect, faultSeed(world, seed), processStart());
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
