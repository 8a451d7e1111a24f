package dev.stepwise.prover.iterate;

import dev.stepwise.iteration.IterationException;
import dev.stepwise.iteration.ModelServing;
import dev.stepwise.iteration.TrainerLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves a checkpoint by running the user's command (for servers that cannot load adapters at
 * run time: llama.cpp, or a full fine-tune): {@code {name}} and {@code {path}} in the command are
 * replaced by the shell-quoted checkpoint name and directory; the command must return once the
 * server answers under that name.
 */
final class RestartCommandServing implements ModelServing {
    private final String template;
    private final Path workDir;

    RestartCommandServing(String template, Path workDir) {
        this.template = template;
        this.workDir = workDir;
    }

    static String render(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", TrainerLauncher.shellQuote(e.getValue()));
        }
        return out;
    }

    @Override
    public void load(Checkpoint checkpoint) {
        String command = render(template, Map.of("name", checkpoint.name(), "path", checkpoint.path().toAbsolutePath().toString()));
        Process p;
        try {
            p = new ProcessBuilder("/bin/sh", "-c", command).directory(workDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "cannot run iterate.serve-command: " + e.getMessage(), e);
        }
        try {
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            int exit = p.waitFor();
            if (exit != 0) {
                String last = output.isEmpty() ? "(it printed nothing)" : output.lines().reduce((a, b) -> b).orElse("");
                throw new IterationException(IterationException.Kind.ENVIRONMENT, "iterate.serve-command exited with status " + exit
                        + " serving " + checkpoint.name() + ": " + last);
            }
        } catch (IOException e) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "cannot read iterate.serve-command's output: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "interrupted while iterate.serve-command ran");
        }
    }
}
