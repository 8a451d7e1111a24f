package dev.stepwise.prover.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs the real command tree in-process and captures what it prints; tests share it. */
public final class CliHarness {

    /** What one invocation printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    private final Map<String, String> env;
    private final Path workDir;

    public CliHarness(Map<String, String> env, Path workDir) {
        this.env = Map.copyOf(env);
        this.workDir = workDir;
    }

    public CliHarness(Path workDir) {
        this(Map.of(), workDir);
    }

    public CliHarness withEnv(Map<String, String> moreEnv) {
        var merged = new java.util.HashMap<>(env);
        merged.putAll(moreEnv);
        return new CliHarness(merged, workDir);
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Invocation app = new Invocation(env, workDir, repoRoot());
        int code = new Cli(app).execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The checkout root (it holds datasets/catalog.json), found from the module directory. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("datasets").resolve("catalog.json"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
