package dev.stepwise.prover.iterate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.iteration.TacticScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores completions with the server's log-probs of the text it is given: one
 * {@code /v1/completions} request per example with prompt + completion as the prompt,
 * {@code echo: true}, {@code logprobs: 0} and {@code max_tokens: 1} (vLLM and SGLang return the
 * echoed prompt's tokens with their log-probs and character offsets). The completion's tokens are
 * those whose text overlaps the completion; a token that straddles the boundary counts with it.
 */
final class ServerTacticScorer implements TacticScorer {
    private final ModelServerCalls server;

    ServerTacticScorer(ModelServerCalls server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    @Override
    public List<Score> score(String model, List<Request> requests) {
        List<Score> out = new ArrayList<>(requests.size());
        for (Request r : requests) {
            out.add(scoreOne(model, r));
        }
        return out;
    }

    private Score scoreOne(String model, Request r) {
        String text = r.prompt() + r.completion();
        ObjectNode body = server.json().createObjectNode()
                .put("model", model)
                .put("prompt", text)
                .put("max_tokens", 1)
                .put("temperature", 0.0)
                .put("echo", true)
                .put("logprobs", 0);
        JsonNode logprobs = server.postJson("/v1/completions", body).path("choices").path(0).path("logprobs");
        JsonNode tokens = logprobs.path("token_logprobs");
        JsonNode offsets = logprobs.path("text_offset");
        if (!tokens.isArray() || !offsets.isArray() || tokens.size() != offsets.size()) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "the model server at "
                    + server.url("/v1/completions") + " returned no echoed log-probs with text offsets; the perplexity filter needs"
                    + " vLLM or SGLang (or set iterate.perplexity-drop-low and -high to 0)");
        }
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
        if (count == 0) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "the model server at "
                    + server.url("/v1/completions") + " returned no log-probs for the completion '" + r.completion() + "'");
        }
        return new Score(sum, count);
    }
}
