package dev.stepwise.prover.sim.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.prover.sim.world.World;
import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /v1/completions}: the world's faults first (429, 500, a stall, a response cut
 * short), then the request parsed, the adapter it names (or llama-server's scaled ones) chosen,
 * and the answer made within the server's capacity and after the world's latency ({@link
 * SampledRequests}: randomness derives from the seed, the request body and how often that body
 * was sent, so runs repeat whatever the timing).
 */
final class CompletionsEndpoint implements Route {
    private final World world;
    private final ModelDialect dialect;
    private final RuntimeAdapters adapters;
    private final StartupAdapters startupAdapters;
    private final CompletionAnswer answer;
    private final JsonReplies json;
    private final SampledRequests requests;

    CompletionsEndpoint(World world, ModelDialect dialect, long seed, RuntimeAdapters adapters, StartupAdapters startupAdapters,
            CompletionAnswer answer, ServerCounters counters, JsonReplies json, Semaphore capacity) {
        this.world = world;
        this.dialect = dialect;
        this.adapters = adapters;
        this.startupAdapters = startupAdapters;
        this.answer = answer;
        this.json = json;
        this.requests = new SampledRequests(world, seed, counters, json, capacity);
    }

    @Override
    public Reply serve(Request r) throws InterruptedException {
        SampledRequests.Admitted admitted = requests.admit(r);
        if (admitted.refusal() != null) {
            return admitted.refusal();
        }
        ReceivedCompletionRequest req;
        boolean postSampling;
        try {
            JsonNode tree = json.mapper().readTree(r.body());
            req = ReceivedCompletionRequest.parse(tree);
            // llama-server's post_sampling_probs: probabilities ("prob") of the sampled-from distribution.
            postSampling = dialect == ModelDialect.LLAMA_CPP && tree != null && tree.path("post_sampling_probs").asBoolean(false);
        } catch (IllegalArgumentException e) {
            return json.error(400, "BadRequestError", e.getMessage());
        } catch (IOException e) {
            return json.error(400, "BadRequestError", "the request body is not valid JSON");
        }
        Boosts boosts = Boosts.none();
        if (dialect == ModelDialect.LLAMA_CPP) {
            // llama-server serves one model whatever the request names; its adapters apply by their scales.
            boosts = startupAdapters.scaledBoosts();
        } else if (!req.model().isEmpty() && !req.model().equals(world.model())) {
            LoadedAdapter a = adapters.named(req.model());
            if (a == null) {
                return json.error(404, "NotFoundError", "The model `" + req.model() + "` does not exist.");
            }
            boosts = a.boosts();
        }
        if (dialect == ModelDialect.LLAMA_CPP && req.n() > 1) {
            return new Reply(400, "application/json",
                    "{\"error\":{\"code\":400,\"message\":\"Only one completion choice is allowed\",\"type\":\"invalid_request_error\"}}");
        }
        Boosts chosen = boosts;
        return requests.answer(admitted, () -> answer.respond(req, chosen, admitted.rng(), postSampling));
    }
}
