package dev.stepwise.prover.sim.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A choice's log-probabilities in the shape the dialect's server writes them. */
final class LogprobsJson {
    /** What an echoed prompt token that is not part of a known tactic costs (the template's and the goals' tokens). */
    private static final double ECHOED_PROMPT_LOGPROB = -0.5;

    private final ModelDialect dialect;
    private final ObjectMapper mapper;

    LogprobsJson(ModelDialect dialect, ObjectMapper mapper) {
        this.dialect = dialect;
        this.mapper = mapper;
    }

    JsonNode logprobs(Sampler.Draw d, boolean postSampling) {
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
    JsonNode echoed(String prompt, Sampler sampler, Sampler.Draw d) {
        List<String> tokens = new ArrayList<>(Tokens.split(prompt));
        List<Double> values = new ArrayList<>(sampler.echoLogprobs(prompt, tokens, ECHOED_PROMPT_LOGPROB));
        List<Map<String, Double>> alternatives = new ArrayList<>(Collections.nCopies(tokens.size(),
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
}
