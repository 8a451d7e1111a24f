package dev.stepwise.prover.config;

import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;

/** A configuration that cannot be used: unknown key, wrong type, value out of range, unreadable file (exit 2). */
public final class ConfigException extends UserError {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(ExitCode.USAGE, message);
    }

    public ConfigException(String message, Throwable cause) {
        super(ExitCode.USAGE, message, cause);
    }

    @Override
    public String oneLine() {
        return "configuration: " + getMessage();
    }
}
