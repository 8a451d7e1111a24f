package dev.stepwise.prover.sim.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stepwise.prover.sim.train.AdapterFile;
import dev.stepwise.prover.sim.world.Faults;
import dev.stepwise.prover.sim.world.World;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated completions server on the loopback interface, speaking vLLM's API (or SGLang's or
 * llama.cpp's variant): {@code /v1/completions}, {@code /v1/models}, {@code /health} and the LoRA
 * load/unload endpoints. It finds the proof state in each prompt by the world's goal texts,
 * samples the world's suggestions with consistent log-probabilities, takes the world's latency,
 * queues requests beyond its capacity and injects the world's faults. Randomness derives from the
 * seed, the request body and how often that body was sent, so runs repeat whatever the timing.
 */
public final class SimulatedModelServer implements AutoCloseable {
    private final World world;
    private final ModelDialect dialect;
    private final long seed;
    private final InstantSource clock;
    private final StateLocator locator;
    private final AdapterFile adapterFile = new AdapterFile();
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Loaded> adapters = new ConcurrentHashMap<>();
    private final List<Path> loraAtStart;
    /** llama-server's adapters in --lora order, with their current scales (guarded by itself). */
    private final List<Scaled> startupAdapters = new java.util.ArrayList<>();
    private final Map<String, Endpoint> routes = new java.util.HashMap<>();
    private final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Semaphore capacity;
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong faulted = new AtomicLong();
    private final AtomicLong scored = new AtomicLong();
    private final CriticScores critic;
    private HttpServer server;
    private ExecutorService executor;

    private record Loaded(String name, Path path, Boosts boosts) {
    }

    private record Scaled(Loaded adapter, double scale) {
    }

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
        this.seed = seed;
        this.clock = clock;
        this.locator = new StateLocator(world);
        this.critic = new CriticScores(world, locator);
        this.capacity = new Semaphore(world.latency().modelCapacity(), true);
    }

    /** Starts listening on 127.0.0.1; {@code port} 0 picks a free port. Returns the bound port. */
    public int start(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        // Each server answers only on its real routes (a prefix is not enough), so a client that calls the
        // wrong one gets the 404 the real server would give.
        routes.put("/v1/completions", this::completions);
        routes.put("/v1/models", this::models);
        routes.put("/health", e -> new Reply(200, "text/plain", ""));
        switch (dialect) {
            // vLLM: only with VLLM_ALLOW_RUNTIME_LORA_UPDATING=True (vllm/entrypoints/openai/api_server.py).
            case VLLM -> {
                routes.put("/v1/load_lora_adapter", lora(this::load));
                routes.put("/v1/unload_lora_adapter", lora(this::unload));
                // vLLM serves pooling models (a critic) on /pooling; SGLang and llama-server do not have it.
                routes.put("/pooling", this::pooling);
            }
            // SGLang: python/sglang/srt/entrypoints/http_server.py, no /v1 prefix.
            case SGLANG -> {
                routes.put("/load_lora_adapter", lora(this::loadSglang));
                routes.put("/unload_lora_adapter", lora(this::unloadSglang));
            }
            // llama-server: tools/server/server.cpp, GET lists and POST sets scales of the --lora adapters.
            case LLAMA_CPP -> routes.put("/lora-adapters", this::loraAdapters);
        }
        for (Path p : loraAtStart) {
            try {
                startupAdapters.add(new Scaled(new Loaded(p.toString(), p, Boosts.of(adapterFile.read(p), locator, world)), 0.0));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot load --lora " + p + ": " + e.getMessage(), e);
            }
        }
        server.createContext("/", ex -> {
            Endpoint endpoint = routes.get(ex.getRequestURI().getPath());
            handle(ex, endpoint != null ? endpoint : r -> new Reply(404, "application/json", "{\"detail\":\"Not Found\"}"));
        });
        server.start();
        return server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL clients are configured with, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public String modelName() {
        return world.model();
    }

    public Stats stats() {
        return new Stats(served.get(), faulted.get(), mostRunning.get(), adapters.size(), scored.get());
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    // ------------------------------------------------------------------ endpoints

    private record Reply(int status, String contentType, String body) {
    }

    @FunctionalInterface
    private interface Endpoint {
        Reply serve(Request r) throws InterruptedException;
    }

    private record Request(String method, byte[] body) {
    }

    private void handle(HttpExchange ex, Endpoint endpoint) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Reply reply;
            try {
                reply = endpoint.serve(new Request(ex.getRequestMethod(), body));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                reply = error(500, "InternalServerError", "simulated server failed: " + e);
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", reply.contentType());
            ex.getResponseHeaders().set(dev.stepwise.prover.sim.SimulatorSignature.SERVER_HEADER, "true");
            ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private Reply completions(Request r) throws InterruptedException {
        if (!r.method().equals("POST")) {
            return error(405, "MethodNotAllowed", "use POST");
        }
        int bodyHash = Arrays.hashCode(r.body());
        int attempt = attempts.computeIfAbsent(bodyHash, k -> new AtomicInteger()).getAndIncrement();
        Random rng = new Random(mix(seed, bodyHash, attempt));
        Faults f = world.faults();
        double roll = rng.nextDouble();
        if (roll < f.model429()) {
            faulted.incrementAndGet();
            return error(429, "TooManyRequests", "simulated overload: too many requests, retry later");
        }
        roll -= f.model429();
        if (roll < f.model500()) {
            faulted.incrementAndGet();
            return error(500, "InternalServerError", "simulated internal server error");
        }
        roll -= f.model500();
        if (roll < f.modelTimeout()) {
            faulted.incrementAndGet();
            Thread.sleep(f.modelTimeoutDelay());
        }
        roll -= f.modelTimeout();
        boolean malformed = roll >= 0 && roll < f.modelMalformed();
        CompletionRequest req;
        boolean postSampling;
        try {
            JsonNode tree = mapper.readTree(r.body());
            req = CompletionRequest.parse(tree);
            // llama-server's post_sampling_probs: probabilities ("prob") of the sampled-from distribution.
            postSampling = dialect == ModelDialect.LLAMA_CPP && tree != null && tree.path("post_sampling_probs").asBoolean(false);
        } catch (IllegalArgumentException e) {
            return error(400, "BadRequestError", e.getMessage());
        } catch (IOException e) {
            return error(400, "BadRequestError", "the request body is not valid JSON");
        }
        Boosts boosts = Boosts.none();
        if (dialect == ModelDialect.LLAMA_CPP) {
            // llama-server serves one model whatever the request names; its adapters apply by their scales.
            boosts = scaledBoosts();
        } else if (!req.model().isEmpty() && !req.model().equals(world.model())) {
            Loaded a = adapters.get(req.model());
            if (a == null) {
                return error(404, "NotFoundError", "The model `" + req.model() + "` does not exist.");
            }
            boosts = a.boosts();
        }
        if (dialect == ModelDialect.LLAMA_CPP && req.n() > 1) {
            return new Reply(400, "application/json",
                    "{\"error\":{\"code\":400,\"message\":\"Only one completion choice is allowed\",\"type\":\"invalid_request_error\"}}");
        }
        capacity.acquire();
        int now = running.incrementAndGet();
        mostRunning.accumulateAndGet(now, Math::max);
        try {
            ObjectNode response = respond(req, boosts, rng, postSampling);
            Thread.sleep(world.latency().modelRequest().plus(
                    world.latency().modelPerToken().multipliedBy(response.path("usage").path("completion_tokens").asLong())));
            served.incrementAndGet();
            String json = write(response);
            if (malformed) {
                faulted.incrementAndGet();
                return new Reply(200, "application/json", json.substring(0, json.length() / 2));
            }
            return new Reply(200, "application/json", json);
        } finally {
            running.decrementAndGet();
            capacity.release();
        }
    }

    /** What an echoed prompt token that is not part of a known tactic costs (the template's and the goals' tokens). */
    private static final double ECHOED_PROMPT_LOGPROB = -0.5;

    private ObjectNode respond(CompletionRequest req, Boosts boosts, Random requestRng, boolean postSampling) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", "cmpl-sim-" + requestIds.incrementAndGet());
        o.put("object", "text_completion");
        o.put("created", clock.instant().getEpochSecond());
        o.put("model", req.model().isEmpty() ? world.model() : req.model());
        o.put("simulated", true);
        ArrayNode choices = o.putArray("choices");
        long promptTokens = 0;
        long completionTokens = 0;
        int topK = req.logprobs() == null ? 0 : req.logprobs();
        for (int p = 0; p < req.prompts().size(); p++) {
            String prompt = req.prompts().get(p);
            promptTokens += Tokens.count(prompt);
            Sampler sampler = samplerFor(prompt, boosts);
            Random rng = req.seed() == null ? new Random(mix(requestRng.nextLong(), p, 0))
                    : new Random(mix(req.seed(), prompt.hashCode(), p));
            for (int j = 0; j < req.n(); j++) {
                Sampler.Draw d = sampler.draw(rng, req.temperature(), req.maxTokens(), req.stop(), topK);
                completionTokens += d.tokens().size();
                ObjectNode c = choices.addObject();
                c.put("index", p * req.n() + j);
                c.put("text", d.text());
                if (req.echo() && dialect != ModelDialect.LLAMA_CPP && echoesPromptLogprobs(req)) {
                    // The prompt comes back in front of the completion, its tokens with their log-probs.
                    c.put("text", prompt + d.text());
                    c.set("logprobs", echoed(prompt, sampler, d));
                } else if (req.logprobs() == null) {
                    c.putNull("logprobs");
                } else {
                    c.set("logprobs", logprobs(d, postSampling));
                }
                c.put("finish_reason", d.finishReason());
                switch (dialect) {
                    case VLLM -> c.put("stop_reason", d.stopReason());
                    case SGLANG -> c.put("matched_stop", d.stopReason());
                    case LLAMA_CPP -> { }
                }
            }
        }
        ObjectNode usage = o.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        return o;
    }

    /**
     * vLLM echoes prompt log-probs whenever log-probs are asked for; SGLang only when
     * {@code logprobs} is truthy in Python ({@code if request.echo and request.logprobs} in
     * serving_completions.py), so {@code logprobs: 0} echoes none.
     */
    private boolean echoesPromptLogprobs(CompletionRequest req) {
        return req.logprobs() != null && (dialect != ModelDialect.SGLANG || req.logprobs() > 0);
    }

    private Boosts scaledBoosts() {
        synchronized (startupAdapters) {
            return startupAdapters.stream().filter(a -> a.scale() > 0).max(java.util.Comparator.comparingDouble(Scaled::scale))
                    .map(a -> a.adapter().boosts()).orElse(Boosts.none());
        }
    }

    private Sampler samplerFor(String prompt, Boosts boosts) {
        var located = locator.locate(prompt);
        if (located.isPresent()) {
            Sampler s = Sampler.of(located.get().state().tactics(), boosts.at(located.get().theorem(), located.get().state()));
            if (!s.options().isEmpty()) {
                return s;
            }
        }
        return Sampler.uniform(world.unknownStateTactics());
    }

    private JsonNode logprobs(Sampler.Draw d, boolean postSampling) {
        if (dialect == ModelDialect.LLAMA_CPP && postSampling) {
            // tools/server/server-task.cpp: under post_sampling_probs the keys are "prob" and "top_probs".
            ObjectNode lp = mapper.createObjectNode();
            ArrayNode content = lp.putArray("content");
            for (int i = 0; i < d.tokens().size(); i++) {
                ObjectNode t = content.addObject();
                t.put("token", d.tokens().get(i));
                t.put("prob", Math.exp(d.tokenLogprobs().get(i)));
                t.set("bytes", bytes(d.tokens().get(i)));
                ArrayNode top = t.putArray("top_probs");
                top.addObject().put("token", d.tokens().get(i)).put("prob", Math.exp(d.tokenLogprobs().get(i)));
            }
            return lp;
        }
        if (dialect == ModelDialect.LLAMA_CPP) {
            ObjectNode lp = mapper.createObjectNode();
            ArrayNode content = lp.putArray("content");
            for (int i = 0; i < d.tokens().size(); i++) {
                ObjectNode t = content.addObject();
                t.put("token", d.tokens().get(i));
                t.put("logprob", d.tokenLogprobs().get(i));
                t.set("bytes", bytes(d.tokens().get(i)));
                ArrayNode top = t.putArray("top_logprobs");
                top.addObject().put("token", d.tokens().get(i)).put("logprob", d.tokenLogprobs().get(i))
                        .set("bytes", bytes(d.tokens().get(i)));
                d.alternatives().get(i).forEach((tok, v) -> top.addObject().put("token", tok).put("logprob", v)
                        .set("bytes", bytes(tok)));
            }
            return lp;
        }
        return legacy(d.tokens(), d.tokenLogprobs(), d.alternatives());
    }

    /** Prompt then completion, as vLLM echoes them. */
    private JsonNode echoed(String prompt, Sampler sampler, Sampler.Draw d) {
        List<String> tokens = new java.util.ArrayList<>(Tokens.split(prompt));
        List<Double> values = new java.util.ArrayList<>(sampler.echoLogprobs(prompt, tokens, ECHOED_PROMPT_LOGPROB));
        List<Map<String, Double>> alternatives = new java.util.ArrayList<>(java.util.Collections.nCopies(tokens.size(),
                Map.<String, Double>of()));
        tokens.addAll(d.tokens());
        values.addAll(d.tokenLogprobs());
        alternatives.addAll(d.alternatives());
        return legacy(tokens, values, alternatives);
    }

    /**
     * The completions API's legacy log-prob shape; a null value (an echoed first token) has no
     * top log-probs. Offsets count code points, as Python does.
     */
    private JsonNode legacy(List<String> tokenTexts, List<Double> tokenValues, List<Map<String, Double>> alternatives) {
        ObjectNode lp = mapper.createObjectNode();
        ArrayNode tokens = lp.putArray("tokens");
        ArrayNode values = lp.putArray("token_logprobs");
        ArrayNode tops = lp.putArray("top_logprobs");
        ArrayNode offsets = lp.putArray("text_offset");
        int offset = 0;
        for (int i = 0; i < tokenTexts.size(); i++) {
            String tok = tokenTexts.get(i);
            Double value = tokenValues.get(i);
            tokens.add(tok);
            if (value == null) {
                values.addNull();
                tops.addNull();
            } else {
                values.add(value);
                ObjectNode top = tops.addObject();
                if (dialect == ModelDialect.VLLM) {
                    top.put(tok, value);
                }
                alternatives.get(i).forEach((alt, v) -> {
                    if (!top.has(alt)) {
                        top.put(alt, v);
                    }
                });
            }
            offsets.add(dialect == ModelDialect.SGLANG ? -1 : offset);
            offset += tok.codePointCount(0, tok.length());
        }
        return lp;
    }

    private ArrayNode bytes(String token) {
        ArrayNode a = mapper.createArrayNode();
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            a.add(b & 0xff);
        }
        return a;
    }

    private Reply models(Request r) {
        ObjectNode o = mapper.createObjectNode();
        o.put("object", "list");
        ArrayNode data = o.putArray("data");
        ObjectNode base = data.addObject();
        base.put("id", world.model());
        base.put("object", "model");
        base.put("owned_by", "stepwise-sim");
        base.put("root", world.model());
        base.putNull("parent");
        base.put("simulated", true);
        adapters.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(a -> {
            ObjectNode m = data.addObject();
            m.put("id", a.name());
            m.put("object", "model");
            m.put("owned_by", "stepwise-sim");
            m.put("root", a.path().toString());
            m.put("parent", world.model());
            m.put("simulated", true);
        });
        return new Reply(200, "application/json", write(o));
    }

    /**
     * The body vLLM's and SGLang's LoRA routes take ({@code {"lora_name", "lora_path"}}); a missing
     * field is empty, for each route to refuse in its server's own words.
     */
    private record LoraRequest(String name, String path) {
    }

    @FunctionalInterface
    private interface LoraEndpoint {
        Reply serve(LoraRequest request);
    }

    /** A LoRA route: its body read once here, a body that is not JSON refused alike on every route. */
    private Endpoint lora(LoraEndpoint endpoint) {
        return r -> {
            JsonNode body;
            try {
                body = mapper.readTree(r.body());
            } catch (IOException e) {
                return error(400, "BadRequestError", "the request body is not valid JSON");
            }
            return endpoint.serve(new LoraRequest(body == null ? "" : body.path("lora_name").asText(""),
                    body == null ? "" : body.path("lora_path").asText("")));
        };
    }

    private Reply load(LoraRequest request) {
        String name = request.name();
        String path = request.path();
        if (name.isEmpty() || path.isEmpty()) {
            return error(400, "BadRequestError", "Both 'lora_name' and 'lora_path' must be provided.");
        }
        if (adapters.containsKey(name)) {
            return error(400, "BadRequestError", "The lora adapter '" + name + "' has already been loaded.");
        }
        Boosts boosts;
        try {
            boosts = Boosts.of(adapterFile.read(Path.of(path)), locator, world);
        } catch (IllegalArgumentException e) {
            return error(400, "BadRequestError", "cannot load adapter '" + name + "': " + e.getMessage());
        }
        if (adapters.putIfAbsent(name, new Loaded(name, Path.of(path), boosts)) != null) {
            return error(400, "BadRequestError", "The lora adapter '" + name + "' has already been loaded.");
        }
        return new Reply(200, "text/plain", "Success: LoRA adapter '" + name + "' added successfully. (simulated: "
                + boosts.matchedExamples() + " examples matched world states, " + boosts.unmatchedExamples() + " did not)");
    }

    private Reply unload(LoraRequest request) {
        String name = request.name();
        if (adapters.remove(name) == null) {
            return error(404, "NotFoundError", "The lora adapter '" + name + "' cannot be found.");
        }
        return new Reply(200, "text/plain", "Success: LoRA adapter '" + name + "' removed successfully.");
    }

    /** SGLang's answer to a LoRA update: {@code LoRAUpdateOutput}, 200 on success and 400 otherwise. */
    private Reply sglangResult(boolean success, String message) {
        ObjectNode o = mapper.createObjectNode();
        o.put("success", success);
        o.put("error_message", message);
        ObjectNode loaded = o.putObject("loaded_adapters");
        adapters.values().forEach(a -> loaded.put(a.name(), a.path().toString()));
        return new Reply(success ? 200 : 400, "application/json", write(o));
    }

    private Reply loadSglang(LoraRequest request) {
        String name = request.name();
        String path = request.path();
        if (name.isEmpty() || path.isEmpty()) {
            return error(422, "RequestValidationError", "lora_name and lora_path are required");
        }
        Boosts boosts;
        try {
            boosts = Boosts.of(adapterFile.read(Path.of(path)), locator, world);
        } catch (IllegalArgumentException e) {
            return sglangResult(false, "cannot load adapter '" + name + "': " + e.getMessage());
        }
        if (adapters.putIfAbsent(name, new Loaded(name, Path.of(path), boosts)) != null) {
            return sglangResult(false, "Failed to load LoRA adapter " + name + " because it is already loaded");
        }
        return sglangResult(true, "");
    }

    private Reply unloadSglang(LoraRequest request) {
        String name = request.name();
        if (adapters.remove(name) == null) {
            return sglangResult(false, "LoRA adapter " + name + " is not loaded");
        }
        return sglangResult(true, "");
    }

    /** llama-server's {@code GET /lora-adapters} (the list) and {@code POST /lora-adapters} (the scales). */
    private Reply loraAdapters(Request r) {
        synchronized (startupAdapters) {
            if (r.method().equals("GET")) {
                ArrayNode list = mapper.createArrayNode();
                for (int i = 0; i < startupAdapters.size(); i++) {
                    list.addObject().put("id", i).put("path", startupAdapters.get(i).adapter().path().toString())
                            .put("scale", startupAdapters.get(i).scale());
                }
                return new Reply(200, "application/json", write(list));
            }
            if (!r.method().equals("POST")) {
                return error(405, "MethodNotAllowed", "use GET or POST");
            }
            JsonNode body;
            try {
                body = mapper.readTree(r.body());
            } catch (IOException e) {
                return error(400, "invalid_request_error", "the request body is not valid JSON");
            }
            if (body == null || !body.isArray()) {
                return error(400, "invalid_request_error", "Request body must be an array");
            }
            double[] scales = new double[startupAdapters.size()];
            for (JsonNode entry : body) {
                int id = entry.path("id").asInt(-1);
                if (id < 0 || id >= scales.length) {
                    return error(400, "invalid_request_error", "invalid adapter id");
                }
                scales[id] = entry.path("scale").asDouble(0.0);
            }
            // An adapter the POST leaves out is set to 0, as llama-server does.
            for (int i = 0; i < scales.length; i++) {
                startupAdapters.set(i, new Scaled(startupAdapters.get(i).adapter(), scales[i]));
            }
            return new Reply(200, "application/json", "{\"success\":true}");
        }
    }

    /**
     * vLLM's {@code POST /pooling} as a reward model answers it (vllm-project/vllm,
     * {@code vllm/entrypoints/pooling/pooling/protocol.py}: {@code input} a text or a list of texts,
     * the answer {@code {"id": "pool-…", "object": "list", "created", "model", "data": [{"index",
     * "object": "pooling", "data": [[r], …]}], "usage"}}): one reward per token, the last one the
     * state's score ({@link CriticScores}).
     */
    private Reply pooling(Request r) {
        if (!r.method().equals("POST")) {
            return error(405, "MethodNotAllowed", "use POST");
        }
        JsonNode body;
        try {
            body = mapper.readTree(r.body());
        } catch (IOException e) {
            return error(400, "BadRequestError", "the request body is not valid JSON");
        }
        String model = body == null ? "" : body.path("model").asText("");
        if (!model.isEmpty() && !model.equals(world.model())) {
            return error(404, "NotFoundError", "The model `" + model + "` does not exist.");
        }
        JsonNode input = body == null ? null : body.get("input");
        List<String> texts = new java.util.ArrayList<>();
        if (input != null && input.isTextual()) {
            texts.add(input.asText());
        } else if (input != null && input.isArray() && !input.isEmpty()) {
            for (JsonNode i : input) {
                if (!i.isTextual()) {
                    return error(400, "BadRequestError", "simulated: only text inputs are scored, not token ids");
                }
                texts.add(i.asText());
            }
        } else {
            return error(400, "BadRequestError", "Field required: input");
        }
        ObjectNode o = mapper.createObjectNode();
        o.put("id", "pool-" + Long.toHexString(requestIds.incrementAndGet()));
        o.put("object", "list");
        o.put("created", clock.instant().getEpochSecond());
        o.put("model", world.model());
        ArrayNode data = o.putArray("data");
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("index", i);
            item.put("object", "pooling");
            ArrayNode perToken = item.putArray("data");
            int n = Math.max(1, texts.get(i).split("\\s+").length);
            double score = critic.score(texts.get(i));
            for (int t = 0; t < n; t++) {
                // Earlier tokens carry partial rewards nobody reads; the last one is the score.
                perToken.addArray().add(t == n - 1 ? score : 0.0);
            }
            tokens += n;
        }
        ObjectNode usage = o.putObject("usage");
        usage.put("prompt_tokens", tokens);
        usage.put("total_tokens", tokens);
        usage.put("completion_tokens", 0);
        usage.putNull("prompt_tokens_details");
        scored.addAndGet(texts.size());
        return new Reply(200, "application/json", write(o));
    }

    private Reply error(int status, String type, String message) {
        ObjectNode o = mapper.createObjectNode();
        o.put("object", "error");
        o.put("message", message);
        o.put("type", type);
        o.putNull("param");
        o.put("code", status);
        return new Reply(status, "application/json", write(o));
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static long mix(long a, long b, long c) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + c;
        h = (h ^ (h >>> 29)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 32);
    }

}
