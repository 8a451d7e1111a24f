package dev.stepwise.prover.sim.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.prover.sim.world.World;
import dev.stepwise.prover.sim.world.WorldTheorem;
import java.time.InstantSource;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The body of a completions answer: for each prompt, the world's suggestions for the state it
 * shows (found by the goal texts) sampled {@code n} times, with the dialect's fields and usage.
 */
final class CompletionAnswer {
    private final World world;
    private final ModelDialect dialect;
    private final InstantSource clock;
    private final StateLocator locator;
    private final ObjectMapper mapper;
    private final AtomicLong requestIds;
    private final LogprobsJson logprobs;
    private final RetrospectiveThoughts thoughts;
    private final ConjectureReplies conjectures;

    CompletionAnswer(World world, ModelDialect dialect, InstantSource clock, StateLocator locator, ObjectMapper mapper,
            AtomicLong requestIds) {
        this.world = world;
        this.dialect = dialect;
        this.clock = clock;
        this.locator = locator;
        this.mapper = mapper;
        this.requestIds = requestIds;
        this.logprobs = new LogprobsJson(dialect, mapper);
        this.thoughts = new RetrospectiveThoughts(locator);
        this.conjectures = new ConjectureReplies(world);
    }

    ObjectNode respond(ReceivedCompletionRequest req, Boosts boosts, Random requestRng, boolean postSampling) {
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
            ReplyShape shape = ReplyShape.of(prompt);
            Random rng = req.seed() == null ? new Random(Seeds.mix(requestRng.nextLong(), p, 0))
                    : new Random(Seeds.mix(req.seed(), prompt.hashCode(), p));
            Optional<WorldTheorem> whole = WholeProofWalk.continuationAsked(world, prompt);
            // A round's conjecture stage asks for new statements (STP's conjecture prompt), all n at once.
            List<Sampler.Draw> conjectured = ConjectureReplies.asked(prompt)
                    ? conjectures.answer(prompt, rng, req.n(), req.maxTokens(), req.stop()) : null;
            for (int j = 0; j < req.n(); j++) {
                if (whole.isPresent()) {
                    // A whole-proof model continuing its prompt's file (DeepSeek-Prover-V1.5): a walk of the graph.
                    Sampler.Draw d = continuation(whole.get(), rng, req);
                    completionTokens += d.tokens().size();
                    ObjectNode c = choices.addObject();
                    c.put("index", p * req.n() + j);
                    c.put("text", d.text());
                    if (req.logprobs() == null) {
                        c.putNull("logprobs");
                    } else {
                        c.set("logprobs", logprobs.logprobs(d, postSampling));
                    }
                    c.put("finish_reason", d.finishReason());
                    switch (dialect) {
                        case VLLM -> c.put("stop_reason", d.stopReason());
                        case SGLANG -> c.put("matched_stop", d.stopReason());
                        case LLAMA_CPP -> { }
                    }
                    continue;
                }
                // A round's thoughts stage asks for the thought behind a step; a search asks for a tactic.
                Sampler.Draw d = RetrospectiveThoughts.asked(prompt) ? thoughts.answer(prompt, req.maxTokens(), req.stop())
                        : conjectured != null ? conjectured.get(j)
                        : sampler.draw(rng, req.temperature(), req.maxTokens(), req.stop(), topK, shape);
                completionTokens += d.tokens().size();
                ObjectNode c = choices.addObject();
                c.put("index", p * req.n() + j);
                c.put("text", d.text());
                if (req.echo() && dialect != ModelDialect.LLAMA_CPP && echoesPromptLogprobs(req)) {
                    // The prompt comes back in front of the completion, its tokens with their log-probs.
                    c.put("text", prompt + d.text());
                    c.set("logprobs", logprobs.echoed(prompt, sampler, d));
                } else if (req.logprobs() == null) {
                    c.putNull("logprobs");
                } else {
                    c.set("logprobs", logprobs.logprobs(d, postSampling));
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
     * One whole proof continuing the prompt's file, cut as vLLM cuts a completion: at the first
     * stop string (left out of the text, and named as the stop reason) or at {@code max_tokens}
     * (finish reason {@code length}); else it ends at the model's EOS after the closing fence.
     * The proof's log-probability under the world's graph is spread evenly over its tokens (the
     * simulator does not model the cost of each token of a proof, only of its tactics).
     */
    private static Sampler.Draw continuation(WorldTheorem theorem, Random rng, ReceivedCompletionRequest req) {
        List<String> walk = WholeProofWalk.sample(theorem, rng, req.temperature(), Set.of());
        String text = WholeProofWalk.continuation(walk);
        double perToken = WholeProofWalk.logProbability(theorem, walk) / Math.max(1, Tokens.split(text).size());
        String finish = "stop";
        String stopReason = null;
        int cut = text.length();
        for (String stop : req.stop()) {
            int at = text.indexOf(stop);
            if (!stop.isEmpty() && at >= 0 && at < cut) {
                cut = at;
                stopReason = stop;
            }
        }
        text = text.substring(0, cut);
        List<String> tokens = Tokens.split(text);
        if (tokens.size() > req.maxTokens()) {
            tokens = tokens.subList(0, req.maxTokens());
            text = String.join("", tokens);
            finish = "length";
            stopReason = null;
        }
        return new Sampler.Draw(text, tokens, Collections.nCopies(tokens.size(), perToken),
                Collections.nCopies(tokens.size(), Map.<String, Double>of()), finish, stopReason);
    }

    /**
     * vLLM echoes prompt log-probs whenever log-probs are asked for; SGLang only when
     * {@code logprobs} is truthy in Python ({@code if request.echo and request.logprobs} in
     * serving_completions.py), so {@code logprobs: 0} echoes none.
     */
    private boolean echoesPromptLogprobs(ReceivedCompletionRequest req) {
        return req.logprobs() != null && (dialect != ModelDialect.SGLANG || req.logprobs() > 0);
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
}
