package dev.stepwise.prover.critic;

import dev.stepwise.prover.config.ConfigException;
import dev.stepwise.prover.config.PolicyKeys;
import dev.stepwise.prover.config.SearchKeys;
import dev.stepwise.prover.config.Settings;
import dev.stepwise.prover.policy.client.ApiKey;
import dev.stepwise.prover.policy.client.ClientSettings;
import dev.stepwise.prover.policy.client.RetryPolicy;
import dev.stepwise.search.StateScorer;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** The search's critic as the settings ask for it: none for {@code search.critic=policy-only}, else the configured server. */
public final class SearchCritic {
    private SearchCritic() {
    }

    /**
     * Checks the critic settings before anything starts: a critic mode without a critic is refused
     * here, with one line (exit 2), not discovered by the first search.
     */
    public static void check(Settings s) {
        if (!s.string(SearchKeys.CRITIC).equals("policy-only")) {
            url(s);
        }
    }

    /** The configured critic, or {@link StateScorer#NONE} when the search does not ask one. */
    public static StateScorer open(Settings s, OkHttpClient http) {
        if (s.string(SearchKeys.CRITIC).equals("policy-only")) {
            return StateScorer.NONE;
        }
        Duration backoff = s.duration(PolicyKeys.RETRY_BACKOFF);
        Duration backoffMax = s.duration(PolicyKeys.RETRY_BACKOFF_MAX);
        RetryPolicy retry = new RetryPolicy(s.integer(PolicyKeys.RETRIES), backoff,
                backoffMax.compareTo(backoff) >= 0 ? backoffMax : backoff);
        PoolingCritic critic = new PoolingCritic(http, url(s), new ApiKey(s.string(PolicyKeys.API_KEY)),
                s.string(SearchKeys.CRITIC_MODEL).strip(), retry);
        return new CriticStateScorer(critic, CriticPrompt.fromSetting(s.string(SearchKeys.CRITIC_TEMPLATE)));
    }

    private static HttpUrl url(Settings s) {
        String url = s.string(SearchKeys.CRITIC_URL).strip();
        if (url.isEmpty()) {
            throw new ConfigException("search.critic is " + s.string(SearchKeys.CRITIC) + " but search.critic-url is empty;"
                    + " set it to the critic's server (a reward model served by vLLM's pooling API), or use"
                    + " search.critic=policy-only");
        }
        try {
            return ClientSettings.parseUrl(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("search.critic-url: " + e.getMessage().replace("model.url ", ""), e);
        }
    }
}
