package dev.stepwise.prover.sim.model;

import dev.stepwise.prover.sim.world.World;
import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * A simulated completions server on the loopback interface, speaking vLLM's API (or SGLang's or
 * llama.cpp's variant): {@code /v1/completions}, {@code /v1/chat/completions} (whole proofs), {@code /v1/models}, {@code /health} and the LoRA
 * load/unload endpoints. It finds the proof state in each prompt by the world's goal texts,
 * samples the world's suggestions with consistent log-probabilities, takes the world's latency,
 * queues requests beyond its capacity and injects the world's faults. Randomness derives from the
 * seed, the request body and how often that body was sent, so runs repeat whatever the timing.
 * This class owns the server's life and its routes; each endpoint is its own class.
 */
public final class SimulatedModelServer implements AutoCloseable {
    private final World world;
    private final ModelDialect dialect;
    private final List<Path> loraAtStart;
    private final JsonReplies json = new JsonReplies();
    private final ServerCounters counters = new ServerCounters();
    private final AdapterReader adapterReader;
    private final RuntimeAdapters adapters;
    private final StartupAdapters startupAdapters;
    private final CompletionsEndpoint completions;
    private final ChatCompletionsEndpoint chat;
    private final PoolingEndpoint pooling;
    private final LoopbackHttp http = new LoopbackHttp(json);

    /** Counters for tests and benchmarks: completions answered, faults injected, most requests served at once, states scored. */
    public record Stats(long served, long faulted, int mostConcurrent, int adapters, long scored) {
    }

    public SimulatedModelServer(World world, ModelDialect dialect, long seed, InstantSource clock) {
        this(world, dialect, seed, clock, List.of());
    }

    /**
     * @param loraAtStart adapters loaded at start, as llama-server's {@code --lora FILE} loads them
     *     (scale 0 until {@code POST /lora-adapters} sets one); only the llama.cpp dialect takes them
     */
    public SimulatedModelServer(World world, ModelDialect dialect, long seed, InstantSource clock, List<Path> loraAtStart) {
        if (!loraAtStart.isEmpty() && dialect != ModelDialect.LLAMA_CPP) {
            throw new IllegalArgumentException("only llama-server loads adapters at start; " + dialect + " loads them at run time");
        }
        this.loraAtStart = List.copyOf(loraAtStart);
        this.world = world;
        this.dialect = dialect;
        StateLocator locator = new StateLocator(world);
        this.adapterReader = new AdapterReader(locator);
        this.adapters = new RuntimeAdapters(adapterReader, json);
        this.startupAdapters = new StartupAdapters(json);
        // One capacity for both endpoints: the engine serves completions and chat from the same batch.
        Semaphore capacity = new Semaphore(world.latency().modelCapacity(), true);
        this.completions = new CompletionsEndpoint(world, dialect, seed, adapters, startupAdapters,
                new CompletionAnswer(world, dialect, clock, locator, json.mapper(), counters.requestIds), counters, json,
                capacity);
        this.chat = new ChatCompletionsEndpoint(world, seed, adapters, counters, json, capacity);
        this.pooling = new PoolingEndpoint(world, clock, new CriticScores(world, locator), counters, json);
    }

    /** Starts listening on 127.0.0.1; {@code port} 0 picks a free port. Returns the bound port. */
    public int start(int port) {
        http.bind(port);
        Map<String, Route> routes = new HashMap<>();
        routes.put("/v1/completions", completions);
        routes.put("/v1/chat/completions", chat);
        routes.put("/v1/models", new ModelsEndpoint(world, adapters, json));
        routes.put("/health", e -> new Reply(200, "text/plain", ""));
        switch (dialect) {
            // vLLM: only with VLLM_ALLOW_RUNTIME_LORA_UPDATING=True (vllm/entrypoints/openai/api_server.py).
            case VLLM -> {
                routes.put("/v1/load_lora_adapter", adapters.vllmLoad());
                routes.put("/v1/unload_lora_adapter", adapters.vllmUnload());
                // vLLM serves pooling models (a critic) on /pooling; SGLang and llama-server do not have it.
                routes.put("/pooling", pooling);
            }
            // SGLang: python/sglang/srt/entrypoints/http_server.py, no /v1 prefix.
            case SGLANG -> {
                routes.put("/load_lora_adapter", adapters.sglangLoad());
                routes.put("/unload_lora_adapter", adapters.sglangUnload());
            }
            // llama-server: tools/server/server.cpp, GET lists and POST sets scales of the --lora adapters.
            case LLAMA_CPP -> routes.put("/lora-adapters", startupAdapters::serve);
        }
        startupAdapters.load(loraAtStart, adapterReader);
        http.serve(routes);
        return http.port();
    }

    public int port() {
        return http.port();
    }

    /** The base URL clients are configured with, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public String modelName() {
        return world.model();
    }

    public Stats stats() {
        return new Stats(counters.served.get(), counters.faulted.get(), counters.mostRunning.get(), adapters.count(),
                counters.scored.get());
    }

    @Override
    public void close() {
        http.close();
    }
}
