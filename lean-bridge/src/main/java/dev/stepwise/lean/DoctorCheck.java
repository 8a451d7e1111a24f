package dev.stepwise.lean;

import java.util.Objects;

/** One line of {@code stepwise lean doctor}: what was checked, how it stands, and the detail. */
public record DoctorCheck(String name, Health status, String detail) {
    public enum Health { OK, WARN, FAIL }

    public DoctorCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }
}
