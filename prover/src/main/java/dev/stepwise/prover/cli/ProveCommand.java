package dev.stepwise.prover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.prover.app.EvalLauncher;
import dev.stepwise.prover.console.ConsoleProgress;
import dev.stepwise.prover.eval.AtomicWrite;
import dev.stepwise.prover.eval.EvalReport;
import dev.stepwise.prover.eval.ProblemResult;
import dev.stepwise.prover.eval.ResultsOutput;
import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.problems.DatasetCatalog;
import dev.stepwise.prover.problems.LeanFileParser;
import dev.stepwise.prover.problems.Problem;
import dev.stepwise.prover.problems.ProvedFile;
import dev.stepwise.prover.run.GateAcceptor;
import dev.stepwise.prover.store.RunKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise prove FILE}: prove every theorem of a statement file. */
@Command(name = "prove", mixinStandardHelpOptions = true,
        description = {"Prove every theorem of a Lean statement file (or a directory of them) with the configured "
            + "policy (a model server, or the CPU portfolio when none is configured). Every proof passes the "
            + "acceptance gate. Prints each verified proof and writes FILE.proved.lean (or --output), which "
            + "compiles as it is.",
            "Exit 0 all proved, 1 some unproved, 2 bad input, 3 no Lean or model server."})
final class ProveCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A .lean file whose theorems end in ':= by sorry' or ':= by', or a directory of them.")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the proved file (default FILE.proved.lean).")
    Path output;

    @Option(names = "--json", description = "Print the results as one JSON document on stdout (progress stays on stderr).")
    boolean json;

    @Mixin
    RunOptions options = new RunOptions();

    ProveCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        Path path = invocation.app().resolve(file);
        if (!Files.exists(path)) {
            throw UserError.input(file + ": no such file or directory");
        }
        if (Files.isDirectory(path) && output != null) {
            throw UserError.input("--output takes one file; for a directory each FILE.lean gets FILE.proved.lean");
        }
        List<Path> sources = sources(path);
        List<Problem> problems = DatasetCatalog.loadPath(path, file.toString()).problems();
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), InstantSource.system(), true, options.simulate);
        return report(new EvalLauncher(invocation.app(options.flags())).run(RunKind.PROVE, file.toString(), problems, options.name,
                options.simulate, progress,
                s -> ResultsOutput.NONE), sources, problems);
    }

    /** The statement files: the file itself, or the .lean files of a directory in name order (not earlier outputs). */
    private static List<Path> sources(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (var files = Files.list(path)) {
            return files.filter(p -> p.toString().endsWith(".lean") && !p.toString().endsWith(".proved.lean")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    private int report(EvalReport run, List<Path> sources, List<Problem> problems) {
        List<ProblemResult> results = run.results();
        Map<String, List<String>> proofs = new LinkedHashMap<>();
        results.stream().filter(ProblemResult::proved).forEach(r -> proofs.put(r.name(), r.proof()));
        List<Path> written = new ArrayList<>();
        for (Path source : sources) {
            String text = read(source);
            String proved = ProvedFile.render(text, LeanFileParser.declarations(text, source.toString()), proofs);
            if (run.info().simulated()) {
                proved = "-- SIMULATED by stepwise: these proofs were checked by a simulated Lean, not a real one.\n" + proved;
            }
            Path target = output != null ? invocation.app().resolve(output) : provedPath(source);
            AtomicWrite.text(target, proved);
            written.add(target);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(run, results, written, problems));
        } else {
            print(out, run, results, problems, written);
        }
        out.flush();
        return proofs.size() == problems.size() ? ExitCode.OK.code() : ExitCode.NO.code();
    }

    private static void print(PrintWriter out, EvalReport run, List<ProblemResult> results, List<Problem> problems,
            List<Path> written) {
        if (run.info().simulated()) {
            out.println("-- SIMULATED run: no real Lean or model; these proofs prove nothing.");
        }
        for (int i = 0; i < results.size(); i++) {
            ProblemResult r = results.get(i);
            if (r.proved()) {
                out.println("-- " + r.name() + ": proved (" + r.verdict() + ")");
                out.println(GateAcceptor.theoremText(problems.get(i).formalStatement(), r.proof()));
            } else {
                out.println("-- " + r.name() + ": not proved (" + r.verdict() + ")");
            }
            out.println();
        }
        long proved = results.stream().filter(ProblemResult::proved).count();
        out.println(proved + " of " + results.size() + " proved; wrote "
                + String.join(", ", written.stream().map(Path::toString).toList()) + " (run " + run.run().name() + ")");
    }

    private static String json(EvalReport run, List<ProblemResult> results, List<Path> written, List<Problem> problems) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("run", run.run().name());
        doc.put("simulated", run.info().simulated());
        ArrayNode outputs = doc.putArray("outputs");
        written.forEach(w -> outputs.add(w.toString()));
        ArrayNode theorems = doc.putArray("theorems");
        for (int i = 0; i < results.size(); i++) {
            ProblemResult r = results.get(i);
            ObjectNode t = theorems.addObject();
            t.put("name", r.name());
            t.put("proved", r.proved());
            ArrayNode tactics = t.putArray("tactics");
            r.proof().forEach(tactics::add);
            t.put("proof", r.proved() ? GateAcceptor.theoremText(problems.get(i).formalStatement(), r.proof()) : null);
            t.put("verdict", r.verdict());
            t.put("attempts", r.attempts());
            t.put("expansions", r.expansions());
            t.put("seconds", r.time().toMillis() / 1000.0);
        }
        doc.put("proved", results.stream().filter(ProblemResult::proved).count());
        doc.put("total", results.size());
        return doc.toString();
    }

    private static Path provedPath(Path path) {
        String name = path.getFileName().toString();
        String stem = name.endsWith(".lean") ? name.substring(0, name.length() - 5) : name;
        return path.resolveSibling(stem + ".proved.lean");
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

}
