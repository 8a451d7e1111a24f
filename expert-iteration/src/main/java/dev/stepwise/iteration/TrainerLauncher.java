package dev.stepwise.iteration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the trainer: the command template with its placeholders replaced by shell-quoted values,
 * under {@code /bin/sh -c}, with stdout and stderr streamed into the round's log file as they
 * come. A non-zero exit fails the train stage with the trainer's own last words.
 */
public final class TrainerLauncher {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    static final List<String> PLACEHOLDERS = List.of("config", "train_file", "valid_file", "base_model", "init_model",
            "output_dir", "round", "method", "gpus");
    private static final int TAIL_LINES = 5;

    private final Map<String, String> environment;

    /** @param environment variables added to the trainer's environment */
    public TrainerLauncher(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The command with every placeholder replaced; an unknown placeholder is an error naming it. */
    static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = values.get(key);
            if (value == null) {
                throw new IterationException(IterationException.Kind.USAGE, "iterate.trainer-command has an unknown placeholder {"
                        + key + "}; known: {" + String.join("} {", PLACEHOLDERS) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(shellQuote(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code s} as one word of a {@code /bin/sh} command line. */
    public static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Runs {@code command} in {@code workDir}, appending its output to {@code log}; returns when it exits 0. */
    void run(String command, Path workDir, Path log) {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        Process p;
        try {
            Files.writeString(log, "$ " + command + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            p = pb.start();
        } catch (IOException e) {
            throw new IterationException(IterationException.Kind.ENVIRONMENT, "cannot start the trainer (" + command + "): "
                    + e.getMessage(), e);
        }
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IterationException(IterationException.Kind.STAGE, "interrupted while the trainer ran; it was killed");
        }
        if (exit != 0) {
            throw new IterationException(IterationException.Kind.STAGE, "the trainer exited with status " + exit + ": "
                    + lastWords(log) + " (full log: " + log + ")");
        }
    }

    /** The last few non-blank lines of the log, joined: where trainers put their error. */
    private static String lastWords(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(its log cannot be read: " + e.getMessage() + ")";
        }
        List<String> tail = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && tail.size() < TAIL_LINES; i--) {
            String l = lines.get(i).strip();
            if (!l.isEmpty() && !l.startsWith("$ ")) {
                tail.addFirst(l);
            } else if (l.startsWith("$ ")) {
                break;
            }
        }
        return tail.isEmpty() ? "(it printed nothing)" : String.join(" | ", tail);
    }
}
