package dev.stepwise.prover.sim.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.prover.sim.world.World;

/** {@code GET /v1/models}: the world's model, then the adapters loaded at run time by name, each marked simulated. */
final class ModelsEndpoint implements Route {
    private final World world;
    private final RuntimeAdapters adapters;
    private final JsonReplies json;

    ModelsEndpoint(World world, RuntimeAdapters adapters, JsonReplies json) {
        this.world = world;
        this.adapters = adapters;
        this.json = json;
    }

    @Override
    public Reply serve(Request r) {
        ObjectNode o = json.mapper().createObjectNode();
        o.put("object", "list");
        ArrayNode data = o.putArray("data");
        ObjectNode base = data.addObject();
        base.put("id", world.model());
        base.put("object", "model");
        base.put("owned_by", "stepwise-sim");
        base.put("root", world.model());
        base.putNull("parent");
        base.put("simulated", true);
        adapters.all().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(a -> {
            ObjectNode m = data.addObject();
            m.put("id", a.name());
            m.put("object", "model");
            m.put("owned_by", "stepwise-sim");
            m.put("root", a.path().toString());
            m.put("parent", world.model());
            m.put("simulated", true);
        });
        return new Reply(200, "application/json", json.write(o));
    }
}
