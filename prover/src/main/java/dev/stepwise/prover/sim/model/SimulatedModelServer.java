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
    private final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Semaphore capacity;
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong faulted = new AtomicLong();
    private HttpServer server;
    private ExecutorService executor;

    private record Loaded(String name, Path path, Boosts boosts) {
    }

    /** Counters for tests and benchmarks: completions answered, faults injected, most requests served at once. */
    public record Stats(long served, long faulted, int mostConcurrent, int adapters) {
    }

    public SimulatedModelServer(World world, ModelDialect dialect, long seed, InstantSource clock) {
        this.world = world;
        this.dialect = dialect;
        this.seed = seed;
        this.clock = clock;
        this.locator = new StateLocator(world);
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
        server.createContext("/v1/completions", ex -> handle(ex, this::completions));
        server.createContext("/v1/models", ex -> handle(ex, this::models));
        server.createContext("/health", ex -> handle(ex, e -> new Reply(200, "text/plain", "")));
        if (dialect == ModelDialect.SGLANG) {
            server.createContext("/load_lora_adapter", ex -> handle(ex, this::load));
            server.createContext("/unload_lora_adapter", ex -> handle(ex, this::unload));
        } else if (dialect == ModelDialect.VLLM) {
            server.createContext("/v1/load_lora_adapter", ex -> handle(ex, this::load));
            server.createContext("/v1/unload_lora_adapter", ex -> handle(ex, this::unload));
        }
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
        return new Stats(served.get(), faulted.get(), mostRunning.get(), adapters.size());
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
        try {
            req = CompletionRequest.parse(mapper.readTree(r.body()));
        } catch (IllegalArgumentException e) {
            return error(400, "BadRequestError", e.getMessage());
        } catch (IOException e) {
            return error(400, "BadRequestError", "the request body is not valid JSON");
        }
        Boosts boosts = Boosts.none();
        if (!req.model().isEmpty() && !req.model().equals(world.model())) {
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
            ObjectNode response = respond(req, boosts, rng);
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

    private ObjectNode respond(CompletionRequest req, Boosts boosts, Random requestRng) {
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
                if (req.echo() && dialect != ModelDialect.LLAMA_CPP) {
                    // vLLM's echo: the prompt comes back in front of the completion, its tokens with their log-probs.
                    c.put("text", prompt + d.text());
                    c.set("logprobs", echoed(prompt, sampler, d));
                } else if (req.logprobs() == null) {
                    c.putNull("logprobs");
                } else {
                    c.set("logprobs", logprobs(d));
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

    private JsonNode logprobs(Sampler.Draw d) {
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

    private Reply load(Request r) {
        JsonNode body;
        try {
            body = mapper.readTree(r.body());
        } catch (IOException e) {
            return error(400, "BadRequestError", "the request body is not valid JSON");
        }
        String name = body == null ? "" : body.path("lora_name").asText("");
        String path = body == null ? "" : body.path("lora_path").asText("");
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

    private Reply unload(Request r) {
        JsonNode body;
        try {
            body = mapper.readTree(r.body());
        } catch (IOException e) {
            return error(400, "BadRequestError", "the request body is not valid JSON");
        }
        String name = body == null ? "" : body.path("lora_name").asText("");
        if (adapters.remove(name) == null) {
            return error(404, "NotFoundError", "The lora adapter '" + name + "' cannot be found.");
        }
        return new Reply(200, "text/plain", "Success: LoRA adapter '" + name + "' removed successfully.");
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
