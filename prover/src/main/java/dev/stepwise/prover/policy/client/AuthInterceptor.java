package dev.stepwise.prover.policy.client;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Adds {@code Authorization: Bearer …} to every request when a key is configured. */
final class AuthInterceptor implements Interceptor {
    private final ApiKey key;

    AuthInterceptor(ApiKey key) {
        this.key = key;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (!key.isPresent()) {
            return chain.proceed(chain.request());
        }
        return chain.proceed(chain.request().newBuilder().header("Authorization", "Bearer " + key.value()).build());
    }
}
