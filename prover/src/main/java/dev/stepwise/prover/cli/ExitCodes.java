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
    /**
     * The rule, the same for every command, as every command's help ends with it (the README's
     * exit-code table says the same): 1 is "the command ran and the answer is no".
     */
    static final String FOOTER = "Exit codes: 0 success; 1 the command ran and the answer is no (a theorem or problem"
            + " not proved, whether unproved or failed; a proof rejected; a figure off its target; a defect found);"
            + " 2 usage or input error; 3 environment error (no Lean toolchain, model server unreachable);"
            + " 4 internal error (a bug: run again with --verbose).";

    @Override
    public int getExitCode(Throwable failure) {
        if (failure instanceof UserError u) {
            return u.exitCode().code();
        }
        return (failure instanceof UncheckedIOException ? ExitCode.ENVIRONMENT : ExitCode.INTERNAL).code();
    }
}
