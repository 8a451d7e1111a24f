package dev.stepwise.prover.policy;

import dev.stepwise.prover.config.ConfigException;
import dev.stepwise.prover.config.ConfigKey;
import dev.stepwise.prover.config.ValueSource;
import dev.stepwise.prover.config.PolicyKeys;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.policy.client.ApiKey;
import dev.stepwise.prover.policy.client.BreakerSettings;
import dev.stepwise.prover.policy.client.ClientSettings;
import dev.stepwise.prover.policy.client.LogprobScale;
import dev.stepwise.prover.policy.client.RetryPolicy;
import dev.stepwise.prover.policy.client.Sampling;
import dev.stepwise.prover.policy.client.ServerKind;
import dev.stepwise.prover.policy.client.TruncatedTactics;
import dev.stepwise.prover.policy.prompt.PromptTemplate;
import dev.stepwise.prover.policy.prompt.ReleasedSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;

/** Which tactic policy to run, with everything it needs; built once from the settings. */
public sealed interface PolicyConfig {

    /** Automation tactics ranked on the CPU; no model. */
    record Portfolio() implements PolicyConfig {
    }

    /** A model behind one or more inference servers. */
    record Server(ClientSettings client, Sampling sampling, PromptTemplate template, PromptBudget budget,
            int maxInFlight) implements PolicyConfig {
        public Server {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(sampling, "sampling");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(budget, "budget");
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("model.max-in-flight must be >= 1, got " + maxInFlight);
            }
        }
    }

    /**
     * Reads the policy keys; every inconsistency is a {@link ConfigException} naming the key.
     *
     * @param resolve turns a configured path into one relative to the working directory
     */
    static PolicyConfig from(Settings s, UnaryOperator<Path> resolve) {
        String kind = s.string(PolicyKeys.KIND);
        List<String> urls = s.strings(PolicyKeys.URLS);
        if (kind.equals("portfolio") || (kind.equals("auto") && urls.isEmpty())) {
            return new Portfolio();
        }
        if (urls.isEmpty()) {
            throw new ConfigException("policy.kind is server but model.url is empty; set model.url to the server, "
                    + "e.g. --set model.url=http://127.0.0.1:8000");
        }
        List<HttpUrl> parsed = new ArrayList<>();
        for (String u : urls) {
            try {
                parsed.add(ClientSettings.parseUrl(u));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        ServerKind server = ServerKind.parse(s.string(PolicyKeys.SERVER));
        String model = s.string(PolicyKeys.NAME).strip();
        if (model.isEmpty() && server != ServerKind.LLAMA_CPP) {
            throw new ConfigException("model.name is empty; set it to the name the server serves "
                    + "(for vllm, the model argument of 'vllm serve' or its --served-model-name)");
        }
        try {
            ClientSettings client = new ClientSettings(parsed, server, new ApiKey(s.string(PolicyKeys.API_KEY)),
                    new RetryPolicy(s.integer(PolicyKeys.RETRIES), s.duration(PolicyKeys.RETRY_BACKOFF),
                            max(s.duration(PolicyKeys.RETRY_BACKOFF), s.duration(PolicyKeys.RETRY_BACKOFF_MAX))),
                    new BreakerSettings(s.integer(PolicyKeys.BREAKER_FAILURES), s.duration(PolicyKeys.BREAKER_COOLDOWN)),
                    s.duration(PolicyKeys.REQUEST_TIMEOUT), s.duration(PolicyKeys.HEALTH_INTERVAL));
            PromptTemplate template = template(s);
            ReleasedSettings released = template.released();
            Sampling sampling = new Sampling(model, orReleased(s, PolicyKeys.MAX_TOKENS, released.maxTokens()),
                    s.number(PolicyKeys.TOP_P), s.flag(PolicyKeys.KEEP_TRUNCATED) ? TruncatedTactics.KEEP : TruncatedTactics.DROP,
                    LogprobScale.parse(s.string(PolicyKeys.LOGPROBS_MODE)));
            Path tokenizer = s.path(PolicyKeys.TOKENIZER);
            PromptBudget budget = tokenizer == null
                    ? new PromptBudget.Chars(orReleased(s, PolicyKeys.PROMPT_CHARS, released.promptChars()))
                    : new PromptBudget.Tokens(resolve.apply(tokenizer), orReleased(s, PolicyKeys.PROMPT_BUDGET, released.promptTokens()));
            return new Server(client, sampling, template, budget, s.integer(PolicyKeys.MAX_IN_FLIGHT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** The configured value when someone set it, else what the template's model was released with. */
    private static int orReleased(Settings s, ConfigKey key, int released) {
        return s.entry(key).source().layer() == ValueSource.Layer.DEFAULT ? released : s.integer(key);
    }

    private static java.time.Duration max(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static PromptTemplate template(Settings s) {
        String name = s.string(PolicyKeys.TEMPLATE);
        String text = s.string(PolicyKeys.TEMPLATE_TEXT);
        if (!name.equals("custom")) {
            if (!text.isEmpty()) {
                throw new ConfigException("model.template-text is set but model.template is " + name
                        + "; set model.template=custom to use your own template");
            }
            return PromptTemplate.named(name);
        }
        if (text.isEmpty()) {
            throw new ConfigException("model.template is custom but model.template-text is empty");
        }
        try {
            return PromptTemplate.custom(text, s.strings(PolicyKeys.TEMPLATE_STOP), s.string(PolicyKeys.TEMPLATE_PREFIX));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("model.template-text: " + e.getMessage(), e);
        }
    }
}
