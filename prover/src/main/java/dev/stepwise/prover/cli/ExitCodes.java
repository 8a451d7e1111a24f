package dev.stepwise.prover.cli;

import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;
import java.io.UncheckedIOException;
import picocli.CommandLine.IExitCodeExceptionMapper;

/**
 * picocli's exception-to-exit-code mapping for every command: a {@link UserError} (the base of
 * every failure a user can fix, whichever package raised it) carries its code; an I/O failure
 * nobody caught is the machine's (disk, permissions); anything else is a bug of ours.
 */
final class ExitCodes implements IExitCodeExceptionMapper {
    @Override
    public int getExitCode(Throwable failure) {
        if (failure instanceof UserError u) {
            return u.exitCode().code();
        }
        return (failure instanceof UncheckedIOException ? ExitCode.ENVIRONMENT : ExitCode.INTERNAL).code();
    }
}
