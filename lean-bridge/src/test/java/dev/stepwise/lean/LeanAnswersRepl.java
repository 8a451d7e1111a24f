package dev.stepwise.lean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test REPL, run as a real subprocess, that answers the acceptance gate's commands the way Lean
 * does, from the recorded answers of a cheat corpus ({@code gate/cheat-corpus.json}): a theorem
 * command gets the messages, sorries, constant, type and axioms the corpus gives for that exact
 * text; {@code #print axioms} reports the constant of the env it is sent to, in Lean's words
 * ({@code src/Lean/Elab/Print.lean}); the reference statement under another name is declared with
 * the reference type and {@code sorryAx}; the {@code type_of%} comparison fails with a type
 * mismatch when the two types differ. Environments are numbered and kept as the REPL does. A
 * command the corpus does not know gets an error response, so a changed gate shows up.
 */
public final class LeanAnswersRepl {
    private static final Pattern PRINT_AXIOMS = Pattern.compile("^#print axioms (\\S+)$");
    private static final Pattern TYPES_AGREE = Pattern.compile(
            "^example : type_of% @(\\S+) = type_of% @(\\S+) := rfl$");
    private static final Pattern REFERENCE = Pattern.compile("^theorem (stepwise_gate_reference_\\w+)(.*)\\n  sorry$",
            Pattern.DOTALL);

    private record Constant(String type, List<String> axioms) {
    }

    private LeanAnswersRepl() {
    }

    static ReplProcessConfig config(Path dir, Path corpus) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ReplProcessConfig(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), LeanAnswersRepl.class.getName(), corpus.toString()), dir, Map.of(),
                0, Sandbox.OFF, dir, Duration.ofSeconds(5));
    }

    /** The theorem command the gate sends for a corpus case. */
    static String theoremText(JsonNode reference, JsonNode c) {
        String statement = c.has("statement") ? c.get("statement").asText() : reference.get("statement").asText();
        return statement.stripTrailing() + "\n  " + c.get("proof").asText().strip();
    }

    public static void main(String[] args) throws Exception {
        JsonNode corpus = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        JsonNode reference = corpus.get("reference");
        Map<String, JsonNode> cases = new HashMap<>();
        for (String group : List.of("cheats", "honest")) {
            for (JsonNode c : corpus.get(group)) {
                cases.put(theoremText(reference, c), c);
            }
        }
        ReplCodec codec = new ReplCodec();
        ResponseWriter writer = new ResponseWriter(codec);
        RequestReader in = new RequestReader(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
        List<Map<String, Constant>> envs = new ArrayList<>();
        for (Optional<Frame> f = in.next(); f.isPresent() && !f.get().text().isEmpty(); f = in.next()) {
            ReplResponse response = switch (codec.decodeRequest(f.get().text())) {
                case ReplRequest.Command c when c.env() != null && c.env() >= envs.size() ->
                        new ReplResponse.ErrorMessage("Unknown environment.");
                case ReplRequest.Command c -> answer(c, envs, cases, reference);
                default -> new ReplResponse.ErrorMessage("not supported by this test REPL");
            };
            writer.write(response, out);
        }
    }

    private static ReplResponse answer(ReplRequest.Command c, List<Map<String, Constant>> envs, Map<String, JsonNode> cases,
            JsonNode reference) {
        Map<String, Constant> env = c.env() == null ? Map.of() : envs.get(c.env());
        String cmd = c.cmd();
        if (c.env() == null) {
            return result(envs, env, null, null, List.of(), List.of());
        }
        if (cmd.startsWith("#check ")) {
            return result(envs, env, null, null, List.of(info(cmd.substring(7).replaceAll("^\\((.*) : (.*)\\)$", "$1 : $2"))),
                    List.of());
        }
        Matcher printed = PRINT_AXIOMS.matcher(cmd);
        if (printed.matches()) {
            Constant k = env.get(printed.group(1));
            if (k == null) {
                return result(envs, env, null, null, List.of(message(Severity.ERROR, "Unknown constant `" + printed.group(1)
                        + "`")), List.of());
            }
            List<String> sorted = new ArrayList<>(k.axioms());
            sorted.sort(LeanAnswersRepl::nameCmp);
            String report = sorted.isEmpty() ? "'" + printed.group(1) + "' does not depend on any axioms"
                    : "'" + printed.group(1) + "' depends on axioms: " + sorted;
            return result(envs, env, null, null, List.of(info(report)), List.of());
        }
        Matcher ref = REFERENCE.matcher(cmd);
        if (ref.matches()) {
            String expected = reference.get("statement").asText().replaceFirst("^theorem \\S+", "").stripTrailing();
            if (!ref.group(2).equals(expected)) {
                return new ReplResponse.ErrorMessage("this test REPL knows no statement `" + ref.group(2) + "`");
            }
            return result(envs, env, ref.group(1), new Constant(reference.get("type").asText(), List.of("sorryAx")),
                    List.of(message(Severity.WARNING, "declaration uses `sorry`")),
                    List.of(new Sorry("⊢ " + reference.get("type").asText(), 0, pos(2, 2), pos(2, 7))));
        }
        Matcher agree = TYPES_AGREE.matcher(cmd);
        if (agree.matches()) {
            Constant a = env.get(agree.group(1));
            Constant b = env.get(agree.group(2));
            if (a == null || b == null) {
                return result(envs, env, null, null, List.of(message(Severity.ERROR, "Unknown identifier `"
                        + (a == null ? agree.group(1) : agree.group(2)) + "`")), List.of());
            }
            List<Message> mismatch = a.type().equals(b.type()) ? List.of() : List.of(message(Severity.ERROR,
                    "Type mismatch\n  rfl\nhas type\n  ?m.5 = ?m.5\nbut is expected to have type\n  (" + a.type() + ") = ("
                            + b.type() + ")"));
            return result(envs, env, null, null, mismatch, List.of());
        }
        JsonNode known = cases.get(cmd);
        if (known == null) {
            return new ReplResponse.ErrorMessage("this test REPL has no recorded answer for: " + cmd);
        }
        JsonNode lean = known.get("lean");
        List<Message> messages = new ArrayList<>();
        for (JsonNode m : lean.get("messages")) {
            messages.add(message(Severity.valueOf(m.get(0).asText().toUpperCase(java.util.Locale.ROOT)), m.get(1).asText()));
        }
        List<Sorry> sorries = new ArrayList<>();
        for (JsonNode goal : lean.get("sorries")) {
            sorries.add(new Sorry(goal.asText(), 0, pos(2, 2), pos(2, 7)));
        }
        List<String> axioms = new ArrayList<>();
        lean.get("axioms").forEach(a -> axioms.add(a.asText()));
        String name = known.has("name") ? known.get("name").asText() : reference.get("name").asText();
        String type = lean.has("type") ? lean.get("type").asText() : reference.get("type").asText();
        return lean.get("declares").asBoolean() ? result(envs, env, name, new Constant(type, axioms), messages, sorries)
                : result(envs, env, null, null, messages, sorries);
    }

    private static ReplResponse result(List<Map<String, Constant>> envs, Map<String, Constant> parent, String name,
            Constant constant, List<Message> messages, List<Sorry> sorries) {
        Map<String, Constant> made = new HashMap<>(parent);
        if (name != null) {
            made.put(name, constant);
        }
        envs.add(made);
        return new ReplResponse.CommandResult(envs.size() - 1, messages, sorries, null, null);
    }

    /** Lean's Name.cmp for names of string parts: prefixes first, then the last part. */
    private static int nameCmp(String a, String b) {
        return partsCmp(LeanText.parts(a), LeanText.parts(b));
    }

    private static int partsCmp(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(!a.isEmpty(), !b.isEmpty());
        }
        int prefix = partsCmp(a.subList(0, a.size() - 1), b.subList(0, b.size() - 1));
        return prefix != 0 ? prefix : a.get(a.size() - 1).compareTo(b.get(b.size() - 1));
    }

    private static Message info(String data) {
        return message(Severity.INFO, data);
    }

    private static Message message(Severity severity, String data) {
        return new Message(severity, data, pos(1, 0), pos(1, 6));
    }

    private static ObjectNode pos(int line, int column) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("line", line);
        o.put("column", column);
        return o;
    }
}
