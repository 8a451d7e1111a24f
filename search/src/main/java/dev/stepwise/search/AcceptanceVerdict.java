package dev.stepwise.search;

import java.util.Objects;

/** What the caller's acceptance check said of a proof. */
public sealed interface AcceptanceVerdict {

    AcceptanceVerdict ACCEPTED = new Accepted();

    record Accepted() implements AcceptanceVerdict {
    }

    /** The proof does not count; {@code reason} is recorded on the edge that closed it. */
    record Rejected(String reason) implements AcceptanceVerdict {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
