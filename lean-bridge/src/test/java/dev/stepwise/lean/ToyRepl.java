package dev.stepwise.lean;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A toy REPL for session tests, run as a real subprocess: it speaks the REPL's framing and
 * layout through the codec, and knows one kind of theorem, {@code theorem t : steps N := by},
 * whose goal {@code ⊢ steps N} the tactic {@code step} brings down by one until it completes.
 * {@code split} gives two goals, {@code fail} is a Lean error with {@code goals: []},
 * {@code empty} leaves no goals without completing, {@code crash} exits 134, {@code hang}
 * never answers; {@code hang_once} and {@code crash_twice} hang the first process (crash the first
 * two) that try them and act as {@code step} afterwards, as a flaky machine would, never Lean. Not the simulated REPL of the product, only a test fixture.
 */
public final class ToyRepl {
    private static final Pattern STEPS = Pattern.compile("steps (\\d+)");

    private ToyRepl() {
    }

    static ReplProcessConfig config(Path dir) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ReplProcessConfig(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ToyRepl.class.getName()), dir, Map.of(), 0, Sandbox.OFF, dir,
                Duration.ofSeconds(5));
    }

    public static void main(String[] args) throws Exception {
        ReplCodec codec = new ReplCodec();
        ResponseWriter writer = new ResponseWriter(codec);
        RequestReader in = new RequestReader(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
        List<List<String>> states = new ArrayList<>();
        int envs = 0;
        for (Optional<Frame> f = in.next(); f.isPresent() && !f.get().text().isEmpty(); f = in.next()) {
            ReplRequest request = codec.decodeRequest(f.get().text());
            ReplResponse response;
            switch (request) {
                case ReplRequest.Command c when c.cmd().contains(":= by") -> {
                    Matcher m = STEPS.matcher(c.cmd());
                    if (!m.find()) {
                        response = new ReplResponse.CommandResult(envs++, List.of(new Message(Severity.ERROR,
                                "unknown statement", null, null)), List.of(), null, null);
                    } else {
                        states.add(List.of("⊢ steps " + m.group(1)));
                        response = new ReplResponse.CommandResult(envs++,
                                List.of(new Message(Severity.WARNING, "declaration uses `sorry`", pos(1, 8), pos(1, 9))),
                                List.of(new Sorry("⊢ steps " + m.group(1), states.size() - 1, pos(2, 2), pos(2, 7))),
                                null, null);
                    }
                }
                case ReplRequest.Command c -> response = new ReplResponse.CommandResult(envs++);
                case ReplRequest.Tactic t when t.proofState() >= states.size() ->
                        response = new ReplResponse.ErrorMessage("Unknown proof state.");
                case ReplRequest.Tactic t -> response = tactic(t, states);
                default -> response = new ReplResponse.ErrorMessage("not supported by the toy REPL");
            }
            writer.write(response, out);
        }
    }

    private static ReplResponse tactic(ReplRequest.Tactic t, List<List<String>> states) throws InterruptedException {
        List<String> goals = states.get(t.proofState());
        String tactic = t.tactic();
        if (tactic.equals("hang_once")) {
            tactic = firstTime("hung-1") ? "hang" : "step";
        } else if (tactic.equals("crash_twice")) {
            tactic = firstTime("crashed-1") || firstTime("crashed-2") ? "crash" : "step";
        }
        switch (tactic) {
            case "crash" -> {
                System.err.println("Stack overflow detected. Aborting.");
                System.exit(134);
            }
            case "hang" -> Thread.sleep(Long.MAX_VALUE);
            case "fail" -> {
                return result(states, List.of(), List.of(new Message(Severity.ERROR, "linarith failed", pos(0, 0),
                        pos(0, 0))), new ProofStatus.ContainsSorry());
            }
            case "empty" -> {
                return result(states, List.of(), List.of(), new ProofStatus.ContainsMetavariables());
            }
            case "split" -> {
                return result(states, List.of(goals.get(0), goals.get(0)), List.of(), new ProofStatus.OpenGoals());
            }
            case "step" -> {
                int n = Integer.parseInt(goals.get(0).replace("⊢ steps ", ""));
                List<String> rest = new ArrayList<>(goals.subList(1, goals.size()));
                if (n > 1) {
                    rest.add(0, "⊢ steps " + (n - 1));
                }
                return result(states, rest, List.of(),
                        rest.isEmpty() ? new ProofStatus.Completed() : new ProofStatus.OpenGoals());
            }
            default -> {
                return new ReplResponse.ErrorMessage("Lean error:\n<input>:1:1: unknown tactic");
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Whether this process is the first to get here: a marker in the working directory says who was. */
    private static boolean firstTime(String marker) {
        try {
            java.nio.file.Files.createFile(Path.of(marker));
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ReplResponse result(List<List<String>> states, List<String> goals, List<Message> messages,
            ProofStatus status) {
        states.add(goals);
        return new ReplResponse.TacticResult(states.size() - 1, goals, messages, List.of(), null, status);
    }

    private static ObjectNode pos(int line, int column) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("line", line);
        o.put("column", column);
        return o;
    }
}
