package dev.stepwise.prover.cli;

import dev.stepwise.prover.app.Application;
import dev.stepwise.prover.bench.CliProcess;
import dev.stepwise.prover.bench.InProcessCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run of the {@code stepwise} command line: the process's environment, working directory
 * and installation, and the global options picocli fills in while parsing. Commands are created
 * before parsing, so they hold this and ask for the {@link Application} once they run, when the
 * global options are known.
 */
public final class Invocation {
    private final Map<String, String> env;
    private final Path workDir;
    private final Path home;
    private final GlobalOptions globalOptions = new GlobalOptions();
    private Application app;

    /**
     * @param env the process environment
     * @param workDir the directory relative paths are resolved against
     * @param home the Stepwise installation (datasets, lean-project), set by the launcher
     */
    public Invocation(Map<String, String> env, Path workDir, Path home) {
        this.env = Map.copyOf(env);
        this.workDir = workDir;
        this.home = home;
    }

    public static Invocation fromProcess() {
        String home = System.getProperty("stepwise.home");
        Path workDir = Path.of("").toAbsolutePath();
        return new Invocation(System.getenv(), workDir, home == null ? workDir : Path.of(home).toAbsolutePath());
    }

    GlobalOptions globalOptions() {
        return globalOptions;
    }

    /**
     * The application of the parsed command line, built on the first call (picocli has filled in
     * the global options by the time a command runs); its settings are read when first asked for.
     */
    public Application app() {
        if (app == null) {
            app = Application.create(env, workDir, home, globalOptions.configFile(), globalOptions.flagValues());
        }
        return app;
    }

    /**
     * Runs further command lines in this JVM with this installation, an empty environment and a
     * working directory of their own: what the whole-command benchmarks measure.
     */
    public InProcessCli inProcess() {
        return (dir, out, err, args) -> new Cli(new Invocation(Map.of(), dir, home)).execute(out, err, args);
    }

    /**
     * Command lines running {@code stepwise} in JVMs of their own, with this JVM's java and class
     * path and this installation, started as the launcher ({@code bin/stepwise}) starts it.
     */
    public CliProcess processes() {
        return args -> {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true", "-Dstepwise.home=" + home,
                    "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            cmd.addAll(args);
            return List.copyOf(cmd);
        };
    }

    /** The application with a command's own flags (e.g. {@code eval --budget}) below {@code --set}. */
    Application app(Map<String, String> commandFlags) {
        return app().withFlags(commandFlags);
    }
}
