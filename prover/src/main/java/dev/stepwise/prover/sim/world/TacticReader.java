package dev.stepwise.prover.sim.world;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads one tactic of a world file. {@code skill} is optional (worlds written before skills have
 * none, and the text gives it), and so is {@code thought}, which the strict record reading of the rest of the file cannot
 * express; every other field is required and an unknown one is refused, as everywhere else.
 */
final class TacticReader extends JsonDeserializer<SimTactic> {
    private static final Set<String> FIELDS = Set.of("tactic", "weight", "outcome", "skill", "thought");

    @Override
    public SimTactic deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode node = ctxt.readTree(p);
        if (!node.isObject()) {
            throw ctxt.weirdNativeValueException(node, SimTactic.class);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("tactic has an unknown field '" + name + "' (known: tactic, weight, outcome, skill, thought)");
            }
        }
        JsonNode tactic = node.get("tactic");
        JsonNode weight = node.get("weight");
        JsonNode outcome = node.get("outcome");
        if (tactic == null || !tactic.isTextual()) {
            throw new IllegalArgumentException("tactic without a \"tactic\" text");
        }
        if (weight == null || !weight.isNumber()) {
            throw new IllegalArgumentException("tactic '" + tactic.textValue() + "' has no numeric \"weight\"");
        }
        if (outcome == null || !outcome.isObject()) {
            throw new IllegalArgumentException("tactic '" + tactic.textValue() + "' has no outcome");
        }
        JsonNode skill = node.get("skill");
        if (skill != null && !skill.isNull() && !skill.isTextual()) {
            throw new IllegalArgumentException("tactic '" + tactic.textValue() + "': \"skill\" must be a text");
        }
        JsonNode thought = node.get("thought");
        if (thought != null && !thought.isNull() && !thought.isTextual()) {
            throw new IllegalArgumentException("tactic '" + tactic.textValue() + "': \"thought\" must be a text");
        }
        return new SimTactic(tactic.textValue(), weight.doubleValue(), ctxt.readTreeAsValue(outcome, SimOutcome.class),
                skill == null || skill.isNull() ? null : skill.textValue(),
                thought == null || thought.isNull() ? null : thought.textValue());
    }
}
