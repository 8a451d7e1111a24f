package dev.stepwise.prover.cli;

import dev.stepwise.prover.config.ConfigSchema;
import dev.stepwise.prover.config.CoreKeys;
import dev.stepwise.prover.config.PolicyKeys;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.config.SettingsLoader;
import dev.stepwise.prover.policy.PolicyConfig;
import dev.stepwise.prover.policy.PolicyFactory;
import dev.stepwise.prover.policy.SharedHttpClient;
import dev.stepwise.prover.store.Store;
import java.nio.file.Path;
import java.util.Map;

/**
 * The composition root: what every command may need, built once per invocation from the
 * process environment and the global options. Commands receive it through their constructor.
 */
public final class Application {
    private final Map<String, String> env;
    private final Path workDir;
    private final Path home;
    private final GlobalOptions globalOptions = new GlobalOptions();
    private final ConfigSchema schema = ConfigSchema.standard();
    private Settings settings;
    private final Map<String, String> commandFlags = new java.util.LinkedHashMap<>();
    private okhttp3.OkHttpClient httpClient;

    /**
     * @param env the process environment
     * @param workDir the directory relative paths are resolved against
     * @param home the Stepwise installation (datasets, lean-project), set by the launcher
     */
    public Application(Map<String, String> env, Path workDir, Path home) {
        this.env = Map.copyOf(env);
        this.workDir = workDir;
        this.home = home;
    }

    public static Application fromProcess() {
        String home = System.getProperty("stepwise.home");
        Path workDir = Path.of("").toAbsolutePath();
        return new Application(System.getenv(), workDir, home == null ? workDir : Path.of(home).toAbsolutePath());
    }

    public GlobalOptions globalOptions() {
        return globalOptions;
    }

    public ConfigSchema schema() {
        return schema;
    }

    /** The effective settings; loaded on first use, after picocli has parsed the global options. */
    public Settings settings() {
        if (settings == null) {
            settings = load(Map.of());
        }
        return settings;
    }

    /**
     * The effective settings with {@code overrides} above every layer: what one part of a longer
     * job runs with (a round's pre-pass budget, the model a search uses), never changing
     * {@link #settings()}.
     */
    public Settings settingsWith(Map<String, String> overrides) {
        settings();
        return load(overrides);
    }

    private Settings load(Map<String, String> overrides) {
        Map<String, String> flags = new java.util.LinkedHashMap<>(commandFlags);
        flags.putAll(globalOptions.flagValues());
        flags.putAll(overrides);
        return new SettingsLoader(schema).load(globalOptions.configFile(), workDir, env, flags);
    }

    /**
     * Adds a command's own flags (e.g. {@code eval --budget}) to the flag layer, under the given keys.
     * {@code --set} on the command line still wins. Must come before the settings are first read.
     */
    public void putCommandFlag(String key, String value) {
        if (settings != null) {
            throw new IllegalStateException("settings already loaded; command flags must be set first");
        }
        commandFlags.put(key, value);
    }

    /**
     * Puts a stored run's configuration into the flag layer, for {@code eval --resume}: the run is
     * found in the store the settings name, so they have been read by then, and are read again with
     * the run's configuration. Where the store is ({@code store.*}) is never part of a run's
     * configuration, so the store just read stays the one used. Nothing built from the settings
     * read so far (the HTTP client) may exist yet.
     */
    public void resumeWith(Map<String, String> runSettings) {
        if (httpClient != null) {
            throw new IllegalStateException("the HTTP client was built from the settings before the run's configuration was read");
        }
        commandFlags.putAll(runSettings);
        settings = null;
    }

    /** The one HTTP client of this invocation; every component derives its variants from it. */
    public okhttp3.OkHttpClient httpClient() {
        if (httpClient == null) {
            httpClient = SharedHttpClient.create(settings().duration(PolicyKeys.CONNECT_TIMEOUT),
                    settings().integer(PolicyKeys.MAX_IN_FLIGHT));
        }
        return httpClient;
    }

    /** The configured tactic policy's recipe (portfolio, or a model server). */
    public PolicyConfig policyConfig() {
        return PolicyConfig.from(settings(), this::resolve);
    }

    /** Builds policies on the shared HTTP client; callers close what they open. */
    public PolicyFactory policyFactory() {
        return new PolicyFactory(httpClient(), java.time.InstantSource.system());
    }

    public Path workDir() {
        return workDir;
    }

    /** The installation directory holding {@code datasets/} and {@code lean-project/}. */
    public Path home() {
        return home;
    }

    public Map<String, String> env() {
        return env;
    }

    /** A path from the configuration, resolved against the working directory. */
    public Path resolve(Path path) {
        return workDir.resolve(path).normalize();
    }

    /** Opens the configured database ({@code store.path}, {@code store.busy-timeout}); the caller closes it. */
    public Store openStore() {
        return Store.open(resolve(settings().path(CoreKeys.STORE_PATH)), settings().duration(CoreKeys.BUSY_TIMEOUT));
    }
}
