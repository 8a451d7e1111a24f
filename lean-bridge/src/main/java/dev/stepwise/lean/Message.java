package dev.stepwise.lean;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A Lean message. Positions stay raw JSON ({@code {"line", "column"}}); {@code endPos} may be
 * absent ({@code null}) or JSON null, and both are kept apart so a response re-encodes exactly.
 */
public record Message(Severity severity, String data, JsonNode pos, JsonNode endPos) {
    public Message {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(data, "data");
    }

    /** Whether this is the "declaration uses sorry" warning, in either of its spellings. */
    public boolean isSorryWarning() {
        return severity == Severity.WARNING && ReplCodec.isSorryWarning(data);
    }
}
