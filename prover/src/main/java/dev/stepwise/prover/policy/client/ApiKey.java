package dev.stepwise.prover.policy.client;

import java.util.Objects;

/** A bearer token for the model server. Its text never reaches a log line or a message. */
public record ApiKey(String value) {
    public static final ApiKey NONE = new ApiKey("");

    public ApiKey {
        Objects.requireNonNull(value, "value");
    }

    public boolean isPresent() {
        return !value.isBlank();
    }

    @Override
    public String toString() {
        return isPresent() ? "ApiKey[****]" : "ApiKey[none]";
    }
}
