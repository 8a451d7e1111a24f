package dev.stepwise.prover.critic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.prover.policy.client.ApiKey;
import dev.stepwise.prover.policy.client.RetryInterceptor;
import dev.stepwise.prover.policy.client.RetryPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A critic (a reward model such as InternLM2.5-StepProver's) served by vLLM's pooling API:
 * {@code POST /pooling} with {@code {"model", "input": [text, …]}}, answered with
 * {@code {"object": "list", "data": [{"index", "object": "pooling", "data": …}], …}} where each
 * {@code data} is {@code list[list[float]] | list[float]} (vllm-project/vllm,
 * {@code vllm/entrypoints/pooling/pooling/protocol.py}, {@code PoolingResponseData}). A reward
 * model pools every token, so an answer is a list per token (or a list of lists); the score is
 * the last token's (last) value, which is where reward models put it. One number is taken as it is.
 * Used both to order a round's statements (the curriculum) and to order a search's frontier.
 */
public final class PoolingCritic {
    /** Inputs per request: small enough for any server's batch limits. */
    static final int BATCH = 64;
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final OkHttpClient http;
    private final HttpUrl url;
    private final ApiKey apiKey;
    private final String model;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param http the application's shared client; a variant that retries 429/5xx and answers cut
     *     short (as the completion client does) is derived from it
     * @param model the critic's name on its server, or "" for the server's only model
     */
    public PoolingCritic(OkHttpClient http, HttpUrl base, ApiKey apiKey, String model, RetryPolicy retry) {
        this.http = http.newBuilder().addInterceptor(RetryInterceptor.of(retry)).build();
        this.url = base.newBuilder().encodedPath(base.encodedPath().replaceAll("/+$", "") + "/pooling").build();
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.model = Objects.requireNonNull(model, "model");
    }

    public HttpUrl url() {
        return url;
    }

    /** One score per input, in order; higher means closer to a proof. */
    public List<Double> score(List<String> inputs) {
        List<Double> out = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += BATCH) {
            out.addAll(batch(inputs.subList(from, Math.min(inputs.size(), from + BATCH))));
        }
        return out;
    }

    private List<Double> batch(List<String> inputs) {
        ObjectNode body = json.createObjectNode();
        if (!model.isEmpty()) {
            body.put("model", model);
        }
        ArrayNode input = body.putArray("input");
        inputs.forEach(input::add);
        JsonNode data = post(body).path("data");
        if (!data.isArray() || data.size() != inputs.size()) {
            throw failure("answered " + (data.isArray() ? data.size() + " results" : "no data list") + " for " + inputs.size()
                    + " inputs", null);
        }
        Double[] scores = new Double[inputs.size()];
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").asInt(i);
            if (index < 0 || index >= scores.length || scores[index] != null) {
                throw failure("answered a result with index " + index + " for " + inputs.size() + " inputs", null);
            }
            scores[index] = lastValue(item.path("data"));
        }
        return Arrays.asList(scores);
    }

    private JsonNode post(JsonNode body) {
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body.toString(), JSON_TYPE));
        if (apiKey.isPresent()) {
            request.header("Authorization", "Bearer " + apiKey.value());
        }
        String text;
        try (Response response = http.newCall(request.build()).execute()) {
            text = response.body().string();
            if (!response.isSuccessful()) {
                throw failure("answered " + response.code() + ": " + oneLine(text), null);
            }
        } catch (IOException e) {
            throw failure("cannot be reached: " + e.getMessage(), e);
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw failure("did not answer JSON: " + oneLine(text), e);
        }
    }

    private double lastValue(JsonNode node) {
        JsonNode n = node;
        while (n.isArray() && !n.isEmpty()) {
            n = n.get(n.size() - 1);
        }
        if (!n.isNumber()) {
            throw failure("answered a result without a number: " + node, null);
        }
        return n.asDouble();
    }

    private CriticUnavailableException failure(String what, Throwable cause) {
        return new CriticUnavailableException("the critic at " + url + " " + what, cause);
    }

    private static String oneLine(String s) {
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }
}
