package dev.stepwise.prover.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real command tree in-process and captures what it prints; tests share it. */
public final class CliHarness {

    /** What one invocation printed and returned. */
    public record Result(int exitCode, String out, String err) {
        private static final Pattern SOLVED = Pattern.compile("\\| solved \\| \\*\\*(\\d+) / (\\d+) ");

        /**
         * The exit code {@code eval} owes the summary it printed: 0 when it solved every problem, 1
         * when any is unproved or failed (as {@code prove}); -1 when it printed no summary.
         */
        public int evalAnswer() {
            Matcher m = SOLVED.matcher(out);
            return !m.find() ? -1 : m.group(1).equals(m.group(2)) ? 0 : 1;
        }

        /** Whether an eval left problems failed, to be searched again on resume. */
        public boolean leftToResume() {
            return out.contains("| failed (retried on resume) |");
        }
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
        return runShowing(new StringWriter(), args);
    }

    /** Runs with {@code err} as stderr, so that another thread can read what the command has said so far. */
    public Result runShowing(StringWriter err, String... args) {
        StringWriter out = new StringWriter();
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
