package dev.stepwise.prover.sim.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.Optional;
import java.util.Random;

/**
 * {@code POST /v1/chat/completions} as vLLM serves it (vllm/entrypoints/openai/protocol.py,
 * {@code ChatCompletionRequest}/{@code ChatCompletionResponse}): {@code messages}, {@code n},
 * {@code max_tokens}, {@code temperature}, {@code seed}; one {@code choices[i].message.content}
 * per sample with its {@code finish_reason} ({@code length} when cut at {@code max_tokens}) and
 * {@code usage}. The simulated model answers whole proofs: it finds the world theorem whose
 * statement the conversation contains and writes a walk through its graph ({@link WholeProofWalk}).
 * The world's faults, latency and capacity apply as for completions; the whole-proof replies do
 * not learn from loaded adapters.
 */
final class ChatCompletionsEndpoint implements Route {
    private static final Pattern ERROR_MARK = Pattern.compile("<error>(.*?)</error>", Pattern.DOTALL);
    private final World world;
    private final RuntimeAdapters adapters;
    private final ServerCounters counters;
    private final JsonReplies json;
    private final SampledRequests requests;

    ChatCompletionsEndpoint(World world, long seed, RuntimeAdapters adapters, ServerCounters counters, JsonReplies json,
            Semaphore capacity) {
        this.world = world;
        this.adapters = adapters;
        this.counters = counters;
        this.json = json;
        this.requests = new SampledRequests(world, seed, counters, json, capacity);
    }

    @Override
    public Reply serve(Request r) throws InterruptedException {
        SampledRequests.Admitted admitted = requests.admit(r);
        if (admitted.refusal() != null) {
            return admitted.refusal();
        }
        JsonNode body;
        try {
            body = json.mapper().readTree(r.body());
        } catch (IOException e) {
            return json.error(400, "BadRequestError", "the request body is not valid JSON");
        }
        if (body == null || !body.path("messages").isArray() || body.path("messages").isEmpty()) {
            return json.error(400, "BadRequestError", "messages: field required");
        }
        String model = body.path("model").asText("");
        if (!model.isEmpty() && !model.equals(world.model()) && adapters.named(model) == null) {
            return json.error(404, "NotFoundError", "The model `" + model + "` does not exist.");
        }
        int n = body.path("n").asInt(1);
        int maxTokens = body.path("max_tokens").asInt(Integer.MAX_VALUE);
        double temperature = body.path("temperature").asDouble(1.0);
        if (n < 1 || maxTokens < 1 || !(temperature >= 0)) {
            return json.error(400, "BadRequestError", "n and max_tokens must be >= 1 and temperature >= 0");
        }
        StringBuilder conversation = new StringBuilder();
        for (JsonNode m : body.path("messages")) {
            conversation.append(m.path("content").asText("")).append('\n');
        }
        Optional<WorldTheorem> theorem = theoremIn(conversation.toString());
        Set<String> avoid = markedErrors(body.path("messages"));
        // A planner's request (Stepwise's sketch prompt asks for one): the k-th sketch on the k-th turn.
        int plannerTurn = conversation.indexOf(SketchReplies.ASKS_FOR_SKETCH) >= 0 ? assistantTurns(body.path("messages")) : -1;
        return requests.answer(admitted, () -> respond(model, theorem, avoid, plannerTurn, n, maxTokens, temperature,
                Tokens.count(conversation.toString()), admitted.rng()));
    }

    /** The theorem whose statement the conversation contains ({@link WholeProofWalk#theoremIn}). */
    Optional<WorldTheorem> theoremIn(String conversation) {
        return WholeProofWalk.theoremIn(world, conversation);
    }

    /**
     * The tactics a repair turn's feedback marked as Lean's errors (Goedel-Prover-V2's
     * {@code <error>...</error>} around the failing code, one line): the revising model avoids them.
     */
    static Set<String> markedErrors(JsonNode messages) {
        Set<String> out = new HashSet<>();
        for (JsonNode m : messages) {
            if (!m.path("role").asText("").equals("user")) {
                continue;
            }
            Matcher e = ERROR_MARK.matcher(m.path("content").asText(""));
            while (e.find()) {
                String marked = e.group(1).strip();
                if (!marked.isEmpty() && !marked.contains("\n")) {
                    out.add(marked);
                }
            }
        }
        return out;
    }

    /** How many replies of the model the conversation already holds: which re-plan this is. */
    static int assistantTurns(JsonNode messages) {
        int turns = 0;
        for (JsonNode m : messages) {
            if (m.path("role").asText("").equals("assistant")) {
                turns++;
            }
        }
        return turns;
    }

    /** @param plannerTurn the planner's turn for a sketch request, or -1 for a prover's request */
    private ObjectNode respond(String model, Optional<WorldTheorem> theorem, Set<String> avoid, int plannerTurn, int n, int maxTokens,
            double temperature,
            int promptTokens, Random rng) {
        ObjectNode o = json.mapper().createObjectNode();
        o.put("id", "chatcmpl-sim-" + counters.requestIds.incrementAndGet());
        o.put("object", "chat.completion");
        o.put("created", 0);
        o.put("model", model.isEmpty() ? world.model() : model);
        ArrayNode choices = o.putArray("choices");
        long completionTokens = 0;
        for (int i = 0; i < n; i++) {
            String reply = theorem.map(t -> plannerTurn >= 0 ? SketchReplies.reply(t, plannerTurn)
                    : WholeProofWalk.reply(t, WholeProofWalk.sample(t, rng, temperature, avoid)))
                    .orElse("SIMULATED: the world holds no theorem whose statement this conversation contains, "
                            + "so no proof can be written.");
            List<String> tokens = Tokens.split(reply);
            String finish = "stop";
            if (tokens.size() > maxTokens) {
                reply = String.join("", tokens.subList(0, maxTokens));
                finish = "length";
            }
            completionTokens += Math.min(tokens.size(), maxTokens);
            ObjectNode c = choices.addObject();
            c.put("index", i);
            ObjectNode message = c.putObject("message");
            message.put("role", "assistant");
            message.put("content", reply);
            message.putNull("reasoning_content");
            message.putArray("tool_calls");
            c.putNull("logprobs");
            c.put("finish_reason", finish);
            c.putNull("stop_reason");
        }
        ObjectNode usage = o.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        usage.put("completion_tokens", completionTokens);
        return o;
    }
}
