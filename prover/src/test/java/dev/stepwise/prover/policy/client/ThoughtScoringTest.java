package dev.stepwise.prover.policy.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.prover.policy.prompt.CharCounter;
import dev.stepwise.prover.policy.prompt.PromptBuilder;
import dev.stepwise.prover.policy.prompt.PromptTemplate;
import dev.stepwise.search.Candidate;
import dev.stepwise.search.Suggestions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * A model that thinks before its tactic (template lean-star): the candidate is the fenced tactic,
 * carries the thought, and is scored by the tactic's tokens alone, whichever way the server lists them.
 */
class ThoughtScoringTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @StartStop
    final MockWebServer server = new MockWebServer();

    private Suggestions ask(ServerKind kind, String reply) throws Exception {
        server.enqueue(ServerPolicyTest.ok(reply));
        ClientSettings settings = ServerPolicyTest.settings(kind, List.of(server.url("/")), 0, 5, Duration.ofSeconds(10),
                ApiKey.NONE);
        try (ServerPolicy p = new ServerPolicy(new PromptBuilder(PromptTemplate.named("lean-star"), new CharCounter(), 4000),
                Runnable::run, new CompletionClient(new OkHttpClient(), settings, InstantSource.system(), new SplittableRandom(7)),
                new Sampling("lean-star", 512, 1.0, TruncatedTactics.DROP), settings.requestTimeout())) {
            Suggestions s = ServerPolicyTest.get(p, ServerPolicyTest.request(kind == ServerKind.LLAMA_CPP ? 1 : 2));
            JsonNode body = JSON.readTree(server.takeRequest().getBody().utf8());
            assertEquals("Tactic state:\n---\n" + ServerPolicyTest.STATE + "\n---\nReasoning:\n---\n", body.get("prompt").asText());
            return s;
        }
    }

    @Test
    void vllmTokensOfTheThoughtAndTheFencesDoNotCountInTheScore() throws Exception {
        // Thought tokens at -3 each, the fences at -0.01, the tactic "positivity" as two tokens at -0.25 and -0.5.
        String reply = """
                {"choices":[
                 {"index":0,"text":"x is positive, so its square is.\\n```lean4\\npositivity\\n```",
                  "logprobs":{"tokens":["x"," is"," positive",","," so"," its"," square"," is",".\\n","```","lean","4\\n","posit","ivity","\\n","```"],
                   "token_logprobs":[-3,-3,-3,-3,-3,-3,-3,-3,-3,-0.01,-0.01,-0.01,-0.25,-0.5,-0.01,-0.01],
                   "text_offset":[0,1,4,13,14,17,21,28,31,33,36,40,42,47,52,53]},
                  "finish_reason":"stop","stop_reason":null},
                 {"index":1,"text":"nlinarith [h]","logprobs":{"tokens":["nl","inarith"," [h]"],"token_logprobs":[-1,-1,-1]},
                  "finish_reason":"stop","stop_reason":null}],
                 "usage":{"prompt_tokens":20,"completion_tokens":19}}
                """;
        Suggestions s = ask(ServerKind.VLLM, reply);
        assertEquals(List.of(new Candidate("positivity", -0.75, 2, "x is positive, so its square is."),
                new Candidate("nlinarith [h]", -3.0, 3, "")), s.candidates());
    }

    @Test
    void llamaServerContentTokensAreScoredTheSameWay() throws Exception {
        String reply = "{\"choices\":[{\"index\":0,\"text\":\"Use h.\\n```lean4\\nlinarith\\n```\",\"logprobs\":{\"content\":["
                + "{\"token\":\"Use\",\"logprob\":-2.0},{\"token\":\" h\",\"logprob\":-2.0},{\"token\":\".\\n```lean4\\n\",\"logprob\":-0.1},"
                + "{\"token\":\"lin\",\"logprob\":-0.2},{\"token\":\"arith\",\"logprob\":-0.3},{\"token\":\"\\n```\",\"logprob\":-0.1}]},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":6}}";
        Suggestions s = ask(ServerKind.LLAMA_CPP, reply);
        assertEquals(1, s.candidates().size());
        Candidate c = s.candidates().get(0);
        assertEquals("linarith", c.tactic());
        assertEquals("Use h.", c.thought());
        assertEquals(-0.5, c.logProbSum(), 1e-9);
        assertEquals(2, c.tokenCount());
    }

    @Test
    void tokensThatDoNotSpellTheTextScoreTheWholeReplyAsTheReleaseDoes() throws Exception {
        // A token split inside a UTF-8 character comes back as its bytes; nothing places the tokens then.
        String reply = """
                {"choices":[{"index":0,"text":"ℝ is a field.\\n```lean4\\nring\\n```",
                  "logprobs":{"tokens":["bytes:\\\\xe2\\\\x84","bytes:\\\\x9d"," is a field.\\n```lean4\\n","ring","\\n```"],
                   "token_logprobs":[-1,-1,-0.5,-0.25,-0.25]},"finish_reason":"stop","stop_reason":null}],
                 "usage":{"prompt_tokens":20,"completion_tokens":5}}
                """;
        Suggestions s = ask(ServerKind.VLLM, reply);
        assertEquals(List.of(new Candidate("ring", -3.0, 5, "ℝ is a field.")), s.candidates());
    }
}
