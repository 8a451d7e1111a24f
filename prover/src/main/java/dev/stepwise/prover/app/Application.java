package dev.stepwise.prover.app;

import dev.stepwise.prover.config.ConfigSchema;
import dev.stepwise.prover.config.CoreKeys;
import dev.stepwise.prover.config.PolicyKeys;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.config.SettingsLoader;
import dev.stepwise.prover.policy.PolicyConfig;
import dev.stepwise.prover.policy.PolicyFactory;
import dev.stepwise.prover.policy.SharedHttpClient;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.StoreLocation;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * The composition root: what every job may need, for one invocation. Immutable: a layer of
 * settings added later (a command's own flags, the simulator's endpoints, a resumed run's
 * configuration) makes a new application through {@link #withFlags}, so nothing read from one
 * can change under its reader. The settings and the HTTP client are built on first use, once.
 */
public final class Application {
    private static final ConfigSchema SCHEMA = ConfigSchema.standard();

    private final Map<String, String> env;
    private final Path workDir;
    private final Path home;
    private final Path configFile;
    /** Flags of the command and of whatever the job adds (simulator, resumed run), below {@link #userFlags}. */
    private final Map<String, String> commandFlags;
    /** {@code --set} and the global flags such as {@code --db}: they win over every other layer. */
    private final Map<String, String> userFlags;
    private final Supplier<Settings> settings;
    private final Supplier<OkHttpClient> httpClient;

    private Application(Map<String, String> env, Path workDir, Path home, Path configFile, Map<String, String> commandFlags,
            Map<String, String> userFlags) {
        this.env = Map.copyOf(env);
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.home = Objects.requireNonNull(home, "home");
        this.configFile = configFile;
        this.commandFlags = ordered(commandFlags);
        this.userFlags = ordered(userFlags);
        this.settings = once(() -> load(Map.of()));
        this.httpClient = once(() -> SharedHttpClient.create(settings().duration(PolicyKeys.CONNECT_TIMEOUT),
                settings().integer(PolicyKeys.MAX_IN_FLIGHT)));
    }

    /**
     * @param env the process environment
     * @param workDir the directory relative paths are resolved against
     * @param home the Stepwise installation (datasets, lean-project), set by the launcher
     * @param configFile the {@code --config} file, or null for {@code ./stepwise.yaml} when it exists
     * @param userFlags the flag layer the user typed ({@code --set}, {@code --db}), by key name
     */
    public static Application create(Map<String, String> env, Path workDir, Path home, Path configFile,
            Map<String, String> userFlags) {
        return new Application(env, workDir, home, configFile, Map.of(), userFlags);
    }

    /**
     * This application with {@code flags} added to the command-flag layer (later values win within
     * it; {@code --set} still wins over all of them): a command's own options, the simulator's
     * endpoints, a resumed run's configuration. The new application builds its own settings and
     * HTTP client from them.
     */
    public Application withFlags(Map<String, String> flags) {
        Map<String, String> merged = new LinkedHashMap<>(commandFlags);
        merged.putAll(flags);
        return new Application(env, workDir, home, configFile, merged, userFlags);
    }

    public ConfigSchema schema() {
        return SCHEMA;
    }

    /** The effective settings, loaded on first use. */
    public Settings settings() {
        return settings.get();
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
        Map<String, String> flags = new LinkedHashMap<>(commandFlags);
        flags.putAll(userFlags);
        flags.putAll(overrides);
        return new SettingsLoader(SCHEMA).load(configFile, workDir, env, flags);
    }

    /** The one HTTP client of this application; every component derives its variants from it. */
    public OkHttpClient httpClient() {
        return httpClient.get();
    }

    /** The configured tactic policy's recipe (portfolio, or a model server). */
    public PolicyConfig policyConfig() {
        return PolicyConfig.from(settings(), this::resolve);
    }

    /** Builds policies on the shared HTTP client; callers close what they open. */
    public PolicyFactory policyFactory() {
        return new PolicyFactory(httpClient(), InstantSource.system());
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

    /** Where the configured store lives: {@code store.url} when set, else the SQLite file {@code store.path}. */
    public StoreLocation storeLocation() {
        String url = settings().string(CoreKeys.STORE_URL);
        if (!url.isBlank()) {
            return StoreLocation.postgres(url.strip());
        }
        return new StoreLocation.SqliteFile(resolve(settings().path(CoreKeys.STORE_PATH)));
    }

    /**
     * A store named on a command line: a PostgreSQL URL, or the path of an SQLite file resolved
     * against the working directory.
     */
    public StoreLocation storeLocation(String pathOrUrl) {
        return StoreLocation.isPostgresUrl(pathOrUrl) ? StoreLocation.postgres(pathOrUrl)
                : new StoreLocation.SqliteFile(resolve(Path.of(pathOrUrl)));
    }

    /** Opens the store at {@code location} with the configured {@code store.busy-timeout}; the caller closes it. */
    public Store openStore(StoreLocation location) {
        return Store.open(location, settings().duration(CoreKeys.BUSY_TIMEOUT), env);
    }

    /** Opens the configured database ({@link #storeLocation()}, {@code store.busy-timeout}); the caller closes it. */
    public Store openStore() {
        return Store.open(storeLocation(), settings().duration(CoreKeys.BUSY_TIMEOUT), env);
    }

    private static Map<String, String> ordered(Map<String, String> flags) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    }

    /** Computes {@code make} at most once, on first use, for any number of threads. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }
}
