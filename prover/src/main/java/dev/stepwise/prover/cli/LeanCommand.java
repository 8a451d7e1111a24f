package dev.stepwise.prover.cli;

import dev.stepwise.lean.DoctorCheck;
import dev.stepwise.lean.GateVerdict;
import dev.stepwise.lean.HostTools;
import dev.stepwise.lean.LeanDoctor;
import dev.stepwise.lean.ReplCodec;
import dev.stepwise.lean.ReplStartException;
import dev.stepwise.prover.app.Application;
import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.lean.LeanSetup;
import dev.stepwise.prover.lean.ProjectSummary;
import dev.stepwise.prover.lean.ProofFileChecker;
import dev.stepwise.prover.lean.ReplOutputParser;
import dev.stepwise.prover.problems.LeanDeclaration;
import dev.stepwise.prover.problems.LeanFileParser;
import dev.stepwise.prover.problems.ProblemFileException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise lean}: talk to Lean's REPL directly, check proofs, diagnose the set-up. */
@Command(name = "lean", mixinStandardHelpOptions = true,
        description = "Lean tools: decode REPL output, check proof files, diagnose the Lean set-up.",
        subcommands = {LeanCommand.Parse.class, LeanCommand.Check.class, LeanCommand.Doctor.class})
final class LeanCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = "Decode Lean REPL output (a file or stdin) and print one JSON line per response with the keys "
                + "kind, env, proofState, goals, proofStatus, errors, warnings, infos, sorries, message. A "
                + "response that cannot be decoded is reported with its position; exit 1 if any was.")
    static final class Parse implements Callable<Integer> {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "REPL output to read (default: stdin).")
        Path file;

        Parse(Invocation invocation) {
            this.invocation = invocation;
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
                Path path = invocation.app().resolve(file);
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

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Run the acceptance gate on every theorem of a complete proof file: re-elaborate each with "
                + "#print axioms on a healthy header env; reject on errors, sorry, axioms beyond the allow-list, a "
                + "changed statement or forbidden text. Exit 0 if all are accepted, 1 if any is not.")
    static final class Check implements Callable<Integer> {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The proof file.")
        Path file;

        @picocli.CommandLine.Option(names = "--reference", paramLabel = "STATEMENTS",
                description = "The statements the proofs must prove (default: each theorem's own statement).")
        Path reference;

        Check(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public Integer call() {
            List<LeanDeclaration> proofs = declarations(invocation.app(), file);
            List<LeanDeclaration> references = reference == null ? List.of() : declarations(invocation.app(), reference);
            LeanSetup setup = new LeanSetup(invocation.app().settings(), invocation.app().home(), invocation.app().workDir(), HostTools.fromEnvironment());
            List<GateVerdict> verdicts;
            try {
                verdicts = new ProofFileChecker(setup).check(proofs, references);
            } catch (ReplStartException e) {
                throw UserError.environment("cannot start Lean: " + e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            long accepted = 0;
            for (GateVerdict v : verdicts) {
                String axioms = v.axioms().isEmpty() ? "" : " (axioms: " + String.join(", ", v.axioms()) + ")";
                if (v.accepted()) {
                    accepted++;
                    out.println(v.theorem() + ": accepted" + axioms);
                } else {
                    out.println(v.theorem() + ": " + v.decision().name().toLowerCase(java.util.Locale.ROOT) + axioms);
                    v.reasons().forEach(r -> out.println("  - " + r.replace("\n", "\n    ")));
                }
            }
            out.println(accepted + " of " + verdicts.size() + " accepted");
            out.flush();
            return accepted == verdicts.size() ? ExitCode.OK.code() : ExitCode.NO.code();
        }
    }

    @Command(name = "doctor", mixinStandardHelpOptions = true,
            description = "Report on the Lean set-up: toolchain and lake, project and build, REPL binary, Mathlib "
                + "revision, prlimit/setsid/bwrap, and free memory against the REPLs of the pool; then every installed "
                + "Lean project (lean-projects/) with its Lean and Mathlib and whether it is ready. Exit 1 if "
                + "something is missing that Stepwise needs for the default project.")
    static final class Doctor implements Callable<Integer> {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        Doctor(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public Integer call() {
            LeanSetup setup = new LeanSetup(invocation.app().settings(), invocation.app().home(), invocation.app().workDir(), HostTools.fromEnvironment());
            List<DoctorCheck> checks = LeanDoctor.forThisMachine().examine(setup.project(), setup.poolSize(),
                    setup.sandbox());
            PrintWriter out = spec.commandLine().getOut();
            int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
            for (DoctorCheck c : checks) {
                out.printf("%-4s  %-" + width + "s  %s%n", c.status(), c.name(), c.detail());
            }
            out.println("REPL command: " + String.join(" ", setup.replCommand()));
            out.println("Lean projects (a run uses the one its dataset targets; make lean LEAN_VERSION=V [MATHLIB=OWNER/REPO@REV]"
                    + " adds one):");
            LeanDoctor doctor = LeanDoctor.forThisMachine();
            ProjectSummary.lines(setup.installed().all().stream()
                    .map(p -> ProjectSummary.of(p, invocation.app().home(), doctor)).toList()).forEach(out::println);
            out.flush();
            boolean failed = checks.stream().anyMatch(c -> c.status() == DoctorCheck.Health.FAIL);
            return failed ? ExitCode.NO.code() : ExitCode.OK.code();
        }
    }

    static List<LeanDeclaration> declarations(Application app, Path file) {
        Path path = app.resolve(file);
        try {
            return LeanFileParser.declarations(Files.readString(path, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw UserError.input("no such file: " + file);
        } catch (IOException e) {
            throw UserError.input("cannot read " + file + ": " + e.getMessage(), e);
        } catch (ProblemFileException e) {
            throw UserError.input(e.getMessage(), e);
        }
    }
}
