package dev.stepwise.prover.iterate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.iteration.IterationException;
import dev.stepwise.prover.policy.client.ApiKey;
import java.io.IOException;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The plain JSON POSTs expert iteration makes to the model server (scoring, loading adapters),
 * on the application's shared HTTP client. Failures name the URL and the server's answer, never
 * the API key.
 */
final class ModelServerCalls {
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final OkHttpClient http;
    private final HttpUrl base;
    private final ApiKey apiKey;
    private final ObjectMapper json;

    ModelServerCalls(OkHttpClient http, HttpUrl base, ApiKey apiKey, ObjectMapper json) {
        this.http = Objects.requireNonNull(http, "http");
        this.base = Objects.requireNonNull(base, "base");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.json = Objects.requireNonNull(json, "json");
    }

    HttpUrl url(String path) {
        return base.newBuilder().encodedPath(path).build();
    }

    /** The server's base URL, as configured. */
    HttpUrl base() {
        return base;
    }

    /** POSTs {@code body} and returns the response text; a non-2xx answer is an environment error. */
    String post(String path, JsonNode body) {
        return execute(path, new Request.Builder().url(url(path)).post(RequestBody.create(body.toString(), JSON_TYPE)));
    }

    /** GETs {@code path} and returns the response text; a non-2xx answer is an environment error. */
    String get(String path) {
        return execute(path, new Request.Builder().url(url(path)).get());
    }

    JsonNode getJson(String path) {
        return parse(path, get(path));
    }

    private String execute(String path, Request.Builder request) {
        HttpUrl url = url(path);
        if (apiKey.isPresent()) {
            request.header("Authorization", "Bearer " + apiKey.value());
        }
        try (Response response = http.newCall(request.build()).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw new IterationException(IterationException.Kind.ENVIRONMENT, "the model server at " + url + " answered "
                        + response.code() + ": " + oneLine(text));
            }
            return text;
        } catch (IOException e) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "cannot reach the model server at " + url + ": "
                    + e.getMessage(), e);
        }
    }

    JsonNode postJson(String path, JsonNode body) {
        return parse(path, post(path, body));
    }

    private JsonNode parse(String path, String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "the model server at " + url(path)
                    + " did not answer JSON: " + oneLine(text), e);
        }
    }

    ObjectMapper json() {
        return json;
    }

    private static String oneLine(String s) {
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }
}
