package dev.stepwise.prover.iterate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.iteration.TacticScorer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scores completions with the server's log-probs of the text it is given: one
 * {@code /v1/completions} request per example with prompt + completion as the prompt,
 * {@code echo: true}, {@code logprobs: 1} and {@code max_tokens: 1}; the server returns the echoed
 * prompt's tokens with their log-probs. Requests go round the configured endpoints, as the
 * evaluation's do (the candidate adapter is loaded on every one of them).
 *
 * <p>Which echoed tokens are the completion's:
 * <ul>
 * <li>vLLM gives each token's character offset ({@code text_offset}): the completion's tokens are
 * those whose text overlaps it; a token that straddles the boundary counts with it.</li>
 * <li>SGLang's OpenAI adapter gives -1 for every offset ("not supported yet",
 * {@code python/sglang/srt/entrypoints/openai/utils.py}), so offsets cannot place the boundary.
 * There the tokens are counted instead: a second request with the prompt alone tells how many
 * tokens the prompt has ({@code usage.prompt_tokens}), and the tokens after those, up to the
 * prompt + completion's own count, are the completion's.</li>
 * </ul>
 * SGLang echoes prompt log-probs only when {@code logprobs} is truthy in Python (its
 * {@code if request.echo and request.logprobs}), which is why this sends 1 and not 0.
 */
final class ServerTacticScorer implements TacticScorer {
    private final List<ModelServerCalls> endpoints;
    private final AtomicInteger next = new AtomicInteger();

    ServerTacticScorer(List<ModelServerCalls> endpoints) {
        this.endpoints = List.copyOf(endpoints);
        if (this.endpoints.isEmpty()) {
            throw new IllegalArgumentException("no model server to score with");
        }
    }

    @Override
    public List<Score> score(String model, List<Request> requests) {
        List<Score> out = new ArrayList<>(requests.size());
        Map<String, Integer> promptTokens = new HashMap<>();
        for (Request r : requests) {
            out.add(scoreOne(endpoints.get(Math.floorMod(next.getAndIncrement(), endpoints.size())), model, r, promptTokens));
        }
        return out;
    }

    private Score scoreOne(ModelServerCalls server, String model, Request r, Map<String, Integer> promptTokens) {
        String text = r.prompt() + r.completion();
        JsonNode response = server.postJson("/v1/completions", echo(server, model, text));
        JsonNode logprobs = response.path("choices").path(0).path("logprobs");
        JsonNode tokens = logprobs.path("token_logprobs");
        JsonNode offsets = logprobs.path("text_offset");
        if (!tokens.isArray() || tokens.isEmpty() || !offsets.isArray() || tokens.size() != offsets.size()) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "the model server at "
                    + server.url("/v1/completions") + " returned no echoed log-probs; the perplexity filter needs"
                    + " vLLM or SGLang (or set iterate.perplexity-drop-low and -high to 0)");
        }
        boolean offsetsKnown = true;
        for (JsonNode o : offsets) {
            offsetsKnown &= o.asInt(-1) >= 0;
        }
        Score score = offsetsKnown ? byOffsets(r, text, tokens, offsets)
                : byTokenCounts(server, model, r, tokens, response, promptTokens);
        if (score == null) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "the model server at "
                    + server.url("/v1/completions") + " returned no log-probs for the completion '" + r.completion() + "'");
        }
        return score;
    }

    private static ObjectNode echo(ModelServerCalls server, String model, String prompt) {
        return server.json().createObjectNode()
                .put("model", model)
                .put("prompt", prompt)
                .put("max_tokens", 1)
                .put("temperature", 0.0)
                .put("echo", true)
                .put("logprobs", 1);
    }

    private static Score byOffsets(Request r, String text, JsonNode tokens, JsonNode offsets) {
        // Offsets count characters as Python does (code points).
        int start = r.prompt().codePointCount(0, r.prompt().length());
        int end = text.codePointCount(0, text.length());
        double sum = 0;
        int count = 0;
        for (int i = 0; i < tokens.size(); i++) {
            int from = offsets.get(i).asInt();
            int to = i + 1 < offsets.size() ? offsets.get(i + 1).asInt() : Integer.MAX_VALUE;
            if (from < end && to > start && !tokens.get(i).isNull()) {
                sum += Math.min(0.0, tokens.get(i).asDouble());
                count++;
            }
        }
        return count == 0 ? null : new Score(sum, count);
    }

    private Score byTokenCounts(ModelServerCalls server, String model, Request r, JsonNode tokens, JsonNode response,
            Map<String, Integer> promptTokens) {
        int whole = usagePromptTokens(server, response);
        Integer cached = promptTokens.get(r.prompt());
        int prompt;
        if (cached != null) {
            prompt = cached;
        } else {
            ObjectNode alone = server.json().createObjectNode().put("model", model).put("prompt", r.prompt())
                    .put("max_tokens", 1).put("temperature", 0.0);
            prompt = usagePromptTokens(server, server.postJson("/v1/completions", alone));
            promptTokens.put(r.prompt(), prompt);
        }
        if (whole > tokens.size() || prompt >= whole) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "the model server at "
                    + server.url("/v1/completions") + " gave no text offsets and token counts that do not fit: the prompt has "
                    + prompt + " tokens, prompt and completion " + whole + ", and " + tokens.size() + " tokens were echoed");
        }
        double sum = 0;
        int count = 0;
        for (int i = prompt; i < whole; i++) {
            if (!tokens.get(i).isNull()) {
                sum += Math.min(0.0, tokens.get(i).asDouble());
                count++;
            }
        }
        return count == 0 ? null : new Score(sum, count);
    }

    private static int usagePromptTokens(ModelServerCalls server, JsonNode response) {
        JsonNode n = response.path("usage").path("prompt_tokens");
        if (!n.canConvertToInt() || n.asInt() < 1) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "the model server at "
                    + server.url("/v1/completions") + " gave neither text offsets nor usage.prompt_tokens; cannot tell the"
                    + " completion's tokens from the prompt's");
        }
        return n.asInt();
    }

    @Override
    public String toString() {
        return "ServerTacticScorer" + endpoints.stream().map(e -> e.base().toString()).toList();
    }

}
