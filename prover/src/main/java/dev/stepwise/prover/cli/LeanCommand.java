package dev.stepwise.prover.cli;

import dev.stepwise.lean.ReplCodec;
import dev.stepwise.prover.lean.ReplOutputParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise lean}: talk to Lean's REPL directly, check proofs, diagnose the set-up. */
@Command(name = "lean", mixinStandardHelpOptions = true,
        description = "Lean tools: decode REPL output, check proof files, diagnose the Lean set-up.",
        subcommands = {LeanCommand.Parse.class})
final class LeanCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = {"Decode Lean REPL output (a file or stdin) and print one JSON line per response with the",
                "keys kind, env, proofState, goals, proofStatus, errors, warnings, infos, sorries, message.",
                "A response that cannot be decoded is reported with its position; exit 1 if any was."})
    static final class Parse implements Callable<Integer> {
        private final Application app;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "REPL output to read (default: stdin).")
        Path file;

        Parse(Application app) {
            this.app = app;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ReplOutputParser parser = new ReplOutputParser(new ReplCodec());
            ReplOutputParser.Result result;
            if (file == null) {
                result = parser.parse(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                        "stdin", out, err);
            } else {
                Path path = app.resolve(file);
                try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                    result = parser.parse(in, file.toString(), out, err);
                } catch (NoSuchFileException e) {
                    throw UserError.input("no such file: " + file);
                } catch (IOException e) {
                    throw UserError.input("cannot read " + file + ": " + e.getMessage(), e);
                }
            }
            if (result.failures() > 0) {
                err.println("stepwise: " + result.failures() + " of " + result.responses()
                        + " responses could not be decoded");
                err.flush();
                return ExitCode.NO.code();
            }
            return ExitCode.OK.code();
        }
    }
}
