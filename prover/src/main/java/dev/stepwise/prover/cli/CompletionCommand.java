package dev.stepwise.prover.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stepwise completion}: a bash/zsh completion script for the whole command tree. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash/zsh completion script.",
            "Install with: bin/stepwise completion > ~/.local/share/bash-completion/completions/stepwise or "
            + "for the current shell: source <(bin/stepwise completion)"})
final class CompletionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        var root = spec.commandLine().getParent();
        spec.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
        spec.commandLine().getOut().flush();
    }
}
