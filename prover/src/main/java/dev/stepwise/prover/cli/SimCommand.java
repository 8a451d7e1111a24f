package dev.stepwise.prover.cli;

import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.problems.DatasetCatalog;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.problems.ProblemFileException;
import dev.stepwise.prover.sim.generate.Statements;
import dev.stepwise.prover.sim.generate.WorldRecipe;
import dev.stepwise.prover.sim.model.ModelDialect;
import dev.stepwise.prover.sim.model.ModelServerProcess;
import dev.stepwise.prover.sim.repl.ReplDialect;
import dev.stepwise.prover.sim.repl.SimulatedRepl;
import dev.stepwise.prover.sim.repl.SimulatedReplMain;
import dev.stepwise.prover.sim.train.SimulatedTrainer;
import dev.stepwise.prover.sim.train.TrainedAdapter;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldFile;
import dev.stepwise.prover.sim.world.WorldFormatException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stepwise sim}: the simulated Lean REPL, model server and trainer (no Lean, no GPU). */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Simulated Lean REPL, model server and trainer driven by a world file, for dry runs, benchmarks "
            + "and tests without Lean or a GPU. Everything they produce is SIMULATED.",
        subcommands = {SimCommand.Generate.class, SimCommand.Repl.class, SimCommand.Model.class, SimCommand.Train.class})
final class SimCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static World readWorld(Path path) {
        try {
            return new WorldFile().read(path);
        } catch (WorldFormatException e) {
            throw UserError.input(e.getMessage(), e);
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generate a world from a dataset's statements: each root goal is the statement's hypotheses and "
                + "target as Lean prints them; below it a random proof graph. Same seed, same bytes.")
    static final class Generate implements Callable<Integer> {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "DATASET", completionCandidates = DatasetNames.class,
                description = "A dataset name (see 'datasets list') or a .jsonl/.lean file.")
        String from;

        @Option(names = "--out", required = true, paramLabel = "WORLD", description = "The world file to write (JSON).")
        Path out;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--limit", paramLabel = "N", description = "Use only the first N problems.")
        Integer limit;

        @Option(names = "--model", paramLabel = "NAME", defaultValue = "stepwise-sim/step-prover",
                description = "Model name the simulated server reports (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--min-depth", paramLabel = "N", defaultValue = "2", description = "Shortest proof in tactics (default: ${DEFAULT-VALUE}).")
        int minDepth;

        @Option(names = "--max-depth", paramLabel = "N", defaultValue = "5", description = "Longest proof in tactics (default: ${DEFAULT-VALUE}).")
        int maxDepth;

        @Option(names = "--branching", paramLabel = "N", defaultValue = "3", description = "Tactics that make progress per state (default: ${DEFAULT-VALUE}).")
        int branching;

        @Option(names = "--provable", paramLabel = "FRACTION", defaultValue = "0.6", description = "Fraction of theorems with a proof (default: ${DEFAULT-VALUE}).")
        double provable;

        @Option(names = "--error-rate", paramLabel = "RATE", defaultValue = "0.4", description = "Wrong suggestions per state, per slot of six (default: ${DEFAULT-VALUE}).")
        double errorRate;

        @Option(names = "--near-miss-rate", paramLabel = "RATE", defaultValue = "0.3", description = "Near-miss spellings per right tactic (default: ${DEFAULT-VALUE}).")
        double nearMissRate;

        @Option(names = "--cheat-rate", paramLabel = "RATE", defaultValue = "0.1", description = "Cheating tactics per state (default: ${DEFAULT-VALUE}).")
        double cheatRate;

        @Option(names = "--timeout-rate", paramLabel = "RATE", defaultValue = "0.02", description = "Never-ending tactics per state (default: ${DEFAULT-VALUE}).")
        double timeoutRate;

        @Option(names = "--crash-rate", paramLabel = "RATE", defaultValue = "0.01", description = "REPL-killing tactics per state (default: ${DEFAULT-VALUE}).")
        double crashRate;

        @Option(names = "--max-states", paramLabel = "N", defaultValue = "24", description = "Most states per theorem (default: ${DEFAULT-VALUE}).")
        int maxStates;

        @Option(names = "--header-import", paramLabel = "DURATION", defaultValue = "200ms", description = "Time to import the header (default: ${DEFAULT-VALUE}).")
        String headerImport;

        @Option(names = "--tactic-time", defaultValue = "1ms..5ms", paramLabel = "MIN..MAX",
                description = "Time per tactic, uniform in MIN..MAX (default: ${DEFAULT-VALUE}).")
        String tacticTime;

        @Option(names = "--model-latency", paramLabel = "DURATION", defaultValue = "5ms", description = "Time per completion request (default: ${DEFAULT-VALUE}).")
        String modelLatency;

        @Option(names = "--model-capacity", paramLabel = "N", defaultValue = "64", description = "Requests served at once (default: ${DEFAULT-VALUE}).")
        int modelCapacity;

        @Option(names = "--repl-crash", paramLabel = "CHANCE", defaultValue = "0", description = "Chance a REPL command crashes the process.")
        double replCrash;

        @Option(names = "--repl-hang", paramLabel = "CHANCE", defaultValue = "0", description = "Chance a REPL command never answers.")
        double replHang;

        @Option(names = "--repl-garbage", paramLabel = "CHANCE", defaultValue = "0", description = "Chance a REPL command answers junk.")
        double replGarbage;

        @Option(names = "--memory-per-command", paramLabel = "SIZE", defaultValue = "0", description = "Memory a REPL keeps per command, e.g. 1m.")
        String memoryPerCommand;

        @Option(names = "--model-429", paramLabel = "CHANCE", defaultValue = "0", description = "Chance a completion request gets 429.")
        double model429;

        @Option(names = "--model-500", paramLabel = "CHANCE", defaultValue = "0", description = "Chance a completion request gets 500.")
        double model500;

        @Option(names = "--model-timeout", paramLabel = "CHANCE", defaultValue = "0", description = "Chance a completion request stalls for 2 minutes.")
        double modelTimeout;

        @Option(names = "--model-malformed", paramLabel = "CHANCE", defaultValue = "0", description = "Chance a completion response is cut short.")
        double modelMalformed;

        Generate(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public Integer call() {
            List<Problem> problems;
            try {
                problems = Statements.load(invocation.app().home(), invocation.app().workDir(), from, limit);
            } catch (ProblemFileException | DatasetCatalog.UnknownDatasetException e) {
                throw UserError.input(e.getMessage(), e);
            }
            WorldRecipe recipe = new WorldRecipe(from, model, seed, minDepth, maxDepth, branching, provable, errorRate,
                    nearMissRate, cheatRate, timeoutRate, crashRate, maxStates, headerImport, tacticTime, modelLatency,
                    modelCapacity, replCrash, replHang, replGarbage, memoryPerCommand, model429, model500, modelTimeout,
                    modelMalformed);
            World world;
            List<String> skipped;
            try {
                var generated = recipe.generate(problems);
                // The Lean the statements were written for (a dataset's target, a file's own), for the simulated REPL to report.
                world = new DatasetCatalog(invocation.app().home(), invocation.app().workDir()).target(from)
                        .map(t -> generated.world().withLean(t.lean())).orElse(generated.world());
                skipped = generated.skipped();
            } catch (IllegalArgumentException e) {
                throw UserError.input("sim generate: " + e.getMessage(), e);
            }
            Path target = invocation.app().resolve(out);
            new WorldFile().write(world, target);
            PrintWriter w = spec.commandLine().getOut();
            long states = world.theorems().stream().mapToLong(t -> t.states().size()).sum();
            long provableCount = world.theorems().stream().filter(t -> t.provable()).count();
            w.printf("wrote SIMULATED world %s: %d theorems (%d provable), %d states, seed %d%n", target,
                    world.theorems().size(), provableCount, states, seed);
            for (String s : skipped) {
                w.println("skipped " + s);
            }
            w.flush();
            return ExitCode.OK.code();
        }
    }

    @Command(name = "repl", mixinStandardHelpOptions = true,
            description = "Run a simulated Lean REPL on stdin/stdout: the REPL's protocol byte for byte, answered from a "
                + "world, or from a recorded transcript (mismatches are reported on stderr).")
    static final class Repl implements Callable<Integer> {
        private final Invocation invocation;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        static final class Source {
            @Option(names = "--world", paramLabel = "WORLD", description = "World file to act out.")
            Path world;

            @Option(names = "--transcript", arity = "2", paramLabel = "FILE",
                    description = "X.in X.expected.out: serve the recorded answers of a real REPL session.")
            List<Path> transcript;
        }

        @Option(names = "--seed", paramLabel = "S", description = "Seed of the faults (default: the world's seed mixed with the process id).")
        Long seed;

        @Option(names = "--repl-version", paramLabel = "VERSION",
                description = "The REPL tag to act as, e.g. v4.9.0 (default: the pinned ${DEFAULT-VALUE}): before v4.19.0 "
                        + "no proofStatus, before v4.28.0-rc1 the sorry warning in apostrophes, before v4.10.0 no flush "
                        + "after each response.")
        String replVersion = ReplDialect.PINNED.toString();

        @Option(names = "--flush-fix", description = "The REPL's flush fix is applied (what 'make lean' does for tags before v4.10.0).")
        boolean flushFix;

        Repl(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public Integer call() {
            // The protocol stream is bytes in UTF-8 on the real stdout, not picocli's writer: a
            // client reads it exactly as it reads Lean's.
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            SimulatedRepl repl;
            if (source.world != null) {
                World world = readWorld(invocation.app().resolve(source.world));
                ReplDialect dialect;
                try {
                    dialect = SimulatedReplMain.dialect(replVersion, flushFix);
                } catch (IllegalArgumentException e) {
                    throw UserError.input("sim repl: " + e.getMessage(), e);
                }
                repl = SimulatedReplMain.forWorld(world, dialect, seed);
            } else {
                try {
                    repl = SimulatedRepl.forTranscript(invocation.app().resolve(source.transcript.get(0)), invocation.app().resolve(source.transcript.get(1)), err);
                } catch (IllegalArgumentException e) {
                    throw UserError.input("sim repl: " + e.getMessage(), e);
                }
            }
            SimulatedReplMain.run(repl, err);
            return ExitCode.OK.code();
        }
    }

    @Command(name = "model", mixinStandardHelpOptions = true,
            description = "Run a simulated completions server on 127.0.0.1 (vLLM's API by default) that suggests the "
                + "world's tactics. Prints its URL, then serves until interrupted.")
    static final class Model implements Callable<Integer> {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        @Option(names = "--world", required = true, paramLabel = "WORLD", description = "World file.")
        Path world;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--dialect", paramLabel = "DIALECT", defaultValue = "vllm",
                description = "API variant: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        ModelDialect dialect;

        @Option(names = "--seed", paramLabel = "S", description = "Seed of sampling and faults (default: the world's seed).")
        Long seed;

        @Option(names = "--lora", paramLabel = "ADAPTER",
                description = "With --dialect llama-cpp: an adapter loaded at start, as llama-server's --lora (repeatable).")
        List<Path> lora = new ArrayList<>();

        Model(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public Integer call() throws InterruptedException {
            World w = readWorld(invocation.app().resolve(world));
            if (!lora.isEmpty() && dialect != ModelDialect.LLAMA_CPP) {
                throw UserError.input("sim model: --lora is llama-server's start-up adapter; vLLM and SGLang load adapters at run time");
            }
            int bound;
            try {
                bound = ModelServerProcess.start(w, dialect, seed, lora.stream().map(invocation.app()::resolve).toList(), port);
            } catch (IllegalArgumentException e) {
                throw UserError.input("sim model: " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw UserError.environment("sim model: cannot listen on 127.0.0.1:" + port + ": " + e.getCause().getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("SIMULATED model server (%s dialect, model %s, %d theorems) listening on http://127.0.0.1:%d%n",
                    dialect.name().toLowerCase(Locale.ROOT), w.model(), w.theorems().size(), bound);
            out.flush();
            ModelServerProcess.serveUntilInterrupted();
            return ExitCode.OK.code();
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Simulated trainer: takes the real trainer's arguments and writes a simulated adapter whose "
                + "examples raise the weights of the skills they use once the simulated model server loads it "
                + "(docs/world-format.md, \"The model of learning\"); --effect shuffled-tactics sabotages it.",
                "As an expert-iteration trainer command: iterate.trainer-command = 'stepwise sim train "
                + "--train-file {train_file} --base-model {base_model} --init-model {init_model} --output-dir "
                + "{output_dir}'"})
    static final class Train implements Callable<Integer> {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        @Option(names = "--train-file", required = true, paramLabel = "JSONL",
                description = "Training examples, one {\"prompt\": ..., \"completion\": ...} per line.")
        Path trainFile;

        @Option(names = "--base-model", required = true, paramLabel = "MODEL", description = "The model the adapter is for.")
        String baseModel;

        @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "Where to write the adapter.")
        Path outputDir;

        @Option(names = "--init-model", paramLabel = "MODEL",
                description = "The model a round continues from; a simulated adapter directory here is built upon.")
        String initModel;

        @Option(names = "--valid-file", paramLabel = "JSONL", description = "Accepted for the real trainer's template; not used.")
        Path validFile;

        @Option(names = "--round", paramLabel = "N", description = "Accepted for the real trainer's template; not used.")
        Integer round;

        @Option(names = "--method", paramLabel = "METHOD", defaultValue = "sft", description = "sft or dpo: DPO also learns from the rejected tactics (default: ${DEFAULT-VALUE}).")
        String method;

        @Option(names = "--trl-config", paramLabel = "FILE",
                description = "The round's TRL configuration: its num_train_epochs and learning_rate are the training's.")
        Path config;

        @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: the configuration's, else 3).")
        Integer epochs;

        @Option(names = "--learning-rate", paramLabel = "X", description = "Peak learning rate (default: the configuration's, else 2e-5).")
        Double learningRate;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of the training noise (0: one derived from the examples).")
        long seed;

        @Option(names = "--effect", defaultValue = "learn", paramLabel = "EFFECT",
                description = "learn; none (the adapter serves the base model: a run without training); shuffled-tactics"
                        + " (sabotage: each prompt trained on another example's tactic). Default: ${DEFAULT-VALUE}.")
        String effect;

        @Option(names = "--strength", paramLabel = "X", defaultValue = "4.0",
                description = "How much likelier a trained pair becomes, in units of the state's total weight (default: ${DEFAULT-VALUE}).")
        double strength;

        Train(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public Integer call() {
            SimulatedTrainer.Result r;
            try {
                Path init = initModel == null ? null : invocation.app().resolve(Path.of(initModel));
                SimulatedTrainer.Options options = SimulatedTrainer.Options.defaults()
                        .withMethod(TrainedAdapter.Method.parse(method)).withSeed(seed).withEffect(TrainedAdapter.Effect.parse(effect));
                if (config != null) {
                    options = options.withTrlConfig(invocation.app().resolve(config));
                }
                if (epochs != null) {
                    options = options.withEpochs(epochs);
                }
                if (learningRate != null) {
                    options = options.withLearningRate(learningRate);
                }
                r = new SimulatedTrainer().train(invocation.app().resolve(trainFile), baseModel, init, invocation.app().resolve(outputDir),
                        strength, options);
            } catch (SimulatedTrainer.BadTrainingFile | IllegalArgumentException e) {
                throw UserError.input("sim train: " + e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s%n", r.summary(baseModel));
            out.flush();
            return ExitCode.OK.code();
        }
    }
}
