package dev.stepwise.prover.sim.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The simulated server's JSON: one mapper for every endpoint, and the error body vLLM's API answers with. */
final class JsonReplies {
    private final ObjectMapper mapper = new ObjectMapper();

    ObjectMapper mapper() {
        return mapper;
    }

    Reply error(int status, String type, String message) {
        ObjectNode o = mapper.createObjectNode();
        o.put("object", "error");
        o.put("message", message);
        o.put("type", type);
        o.putNull("param");
        o.put("code", status);
        return new Reply(status, "application/json", write(o));
    }

    String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
