package dev.stepwise.prover.cli;

import dev.stepwise.prover.exit.ExitCode;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.policy.PolicyCheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stepwise model}: the tactic policy as configured. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Check the configured tactic policy (model server or portfolio).",
        subcommands = ModelCommand.Check.class)
final class ModelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Ask the configured policy once for tactics at a state and print them with their scores.",
                "Exit 0 with candidates, 1 when it answered none, 3 when the model server is unavailable."})
    static final class Check implements Callable<Integer> {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        @Option(names = "--state", paramLabel = "GOALS", description = "Pretty-printed goals (default: ${DEFAULT-VALUE}).")
        String state = "x : ℝ\nh : 0 < x\n⊢ 0 < x ^ 2 + x";

        @Option(names = "--name", paramLabel = "THEOREM", description = "Theorem name for templates that show it (default: ${DEFAULT-VALUE}).")
        String name = "stepwise_check";

        @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Tactics to ask for (default: ${DEFAULT-VALUE}).")
        int count = 4;

        Check(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public Integer call() {
            if (count < 1) {
                throw UserError.input("--count must be at least 1, got " + count);
            }
            if (state.isBlank()) {
                throw UserError.input("--state is empty");
            }
            var outcome = new PolicyCheck(invocation.app().policyFactory())
                    .run(invocation.app().policyConfig(), name, state.replace("\\n", "\n"), count, spec.commandLine().getOut());
            return switch (outcome) {
                case PolicyCheck.Outcome.Answered a -> a.suggestions().candidates().isEmpty() ? ExitCode.NO.code() : ExitCode.OK.code();
                case PolicyCheck.Outcome.Unavailable u -> throw UserError.environment(u.reason());
            };
        }
    }
}
