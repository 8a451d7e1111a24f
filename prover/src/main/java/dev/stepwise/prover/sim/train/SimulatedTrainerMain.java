package dev.stepwise.prover.sim.train;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A lean entry point for the simulated trainer as an expert-iteration round runs it: the same as
 * {@code stepwise sim train} (its options, its output line, exit code 2 on a bad training file)
 * without building the whole command tree, and without the simulator naming the command-line
 * package above it. Arguments: {@code --train-file F --base-model M --output-dir D
 * [--init-model M] [--strength S] [--trl-config TRL_YAML] [--method sft|dpo] [--epochs N] [--learning-rate X]
 * [--seed S] [--effect learn|none|shuffled-tactics]}, and the real trainer's {@code --valid-file} and
 * {@code --round}, accepted and not used. {@code --trl-config} reads the epochs and learning rate the
 * round wrote for TRL; {@code --epochs} and {@code --learning-rate} given after it win. Relative
 * paths are read from the working directory.
 */
public final class SimulatedTrainerMain {
    private static final String USAGE = "usage: --train-file JSONL --base-model MODEL --output-dir DIR [--init-model MODEL]"
            + " [--strength S] [--trl-config TRL_YAML] [--method sft|dpo] [--epochs N] [--learning-rate X] [--seed S]"
            + " [--effect learn|none|shuffled-tactics] [--valid-file JSONL] [--round N]";
    /** What {@code stepwise sim train} takes by default. */
    private static final double DEFAULT_STRENGTH = 4.0;

    private SimulatedTrainerMain() {
    }

    public static void main(String[] args) {
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        try {
            Path trainFile = null;
            String baseModel = null;
            Path outputDir = null;
            String initModel = null;
            double strength = DEFAULT_STRENGTH;
            SimulatedTrainer.Options options = SimulatedTrainer.Options.defaults();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--train-file" -> trainFile = Path.of(value(args, ++i));
                    case "--base-model" -> baseModel = value(args, ++i);
                    case "--output-dir" -> outputDir = Path.of(value(args, ++i));
                    case "--init-model" -> initModel = value(args, ++i);
                    case "--strength" -> strength = number(args[i], value(args, ++i));
                    case "--trl-config" -> options = options.withTrlConfig(Path.of(value(args, ++i)).toAbsolutePath());
                    case "--method" -> options = options.withMethod(TrainedAdapter.Method.parse(value(args, ++i)));
                    case "--epochs" -> options = options.withEpochs((int) number(args[i], value(args, ++i)));
                    case "--learning-rate" -> options = options.withLearningRate(number(args[i], value(args, ++i)));
                    case "--seed" -> options = options.withSeed((long) number(args[i], value(args, ++i)));
                    case "--effect" -> options = options.withEffect(TrainedAdapter.Effect.parse(value(args, ++i)));
                    case "--valid-file", "--round" -> value(args, ++i);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
                }
            }
            if (trainFile == null || baseModel == null || outputDir == null) {
                throw new IllegalArgumentException(USAGE);
            }
            Path init = initModel == null ? null : Path.of(initModel).toAbsolutePath();
            SimulatedTrainer.Result r = new SimulatedTrainer().train(trainFile.toAbsolutePath(), baseModel, init,
                    outputDir.toAbsolutePath(), strength, options);
            out.printf("%s%n", r.summary(baseModel));
            out.flush();
            System.exit(0);
        } catch (SimulatedTrainer.BadTrainingFile | IllegalArgumentException e) {
            err.println("stepwise: sim train: " + e.getMessage());
            System.exit(2);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static double number(String option, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a number: " + text);
        }
    }
}
