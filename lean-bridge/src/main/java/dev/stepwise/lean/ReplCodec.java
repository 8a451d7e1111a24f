package dev.stepwise.lean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Encodes and decodes the Lean REPL's JSON. This is the only class that knows the REPL's field
 * names and status strings; everything else works with {@link ReplRequest} and {@link ReplResponse}.
 * Thread-safe.
 */
public final class ReplCodec {
    static final String STATUS_COMPLETED = "Completed";
    static final String STATUS_OPEN_GOALS = "Incomplete: open goals remain";
    static final String STATUS_METAVARIABLES = "Incomplete: contains metavariable(s)";
    static final String STATUS_CONTAINS_SORRY = "Incomplete: contains sorry";
    static final String STATUS_GOAL_NOT_ASSIGNED = "Error: Goal not assigned";
    static final String STATUS_TYPE_MISMATCH_PREFIX = "Error: proof has type ";
    static final String STATUS_KERNEL_PREFIX = "Error: kernel type check failed";
    static final String STATUS_MULTIPLE_GOALS = "Not verified: more than one initial goal";

    /** Before v4.28.0-rc1 the warning quoted with apostrophes, from then on with backticks. */
    private static final String SORRY_WARNING_OLD = "declaration uses 'sorry'";
    private static final String SORRY_WARNING_NEW = "declaration uses `sorry`";

    private static final String UNKNOWN_PROOF_STATE = "Unknown proof state.";
    private static final String UNKNOWN_ENVIRONMENT = "Unknown environment.";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    // ------------------------------------------------------------------ strings of the REPL

    /** Maps a {@code proofStatus} string; unknown text becomes {@link ProofStatus.Unrecognized}. */
    public static ProofStatus proofStatus(String text) {
        return switch (text) {
            case STATUS_COMPLETED -> new ProofStatus.Completed();
            case STATUS_OPEN_GOALS -> new ProofStatus.OpenGoals();
            case STATUS_METAVARIABLES -> new ProofStatus.ContainsMetavariables();
            case STATUS_CONTAINS_SORRY -> new ProofStatus.ContainsSorry();
            case STATUS_GOAL_NOT_ASSIGNED -> new ProofStatus.GoalNotAssigned();
            case STATUS_MULTIPLE_GOALS -> new ProofStatus.MultipleInitialGoals();
            default -> {
                if (text.startsWith(STATUS_TYPE_MISMATCH_PREFIX) && text.contains(" but root goal has type ")) {
                    yield new ProofStatus.TypeMismatch(text);
                } else if (text.startsWith(STATUS_KERNEL_PREFIX)) {
                    yield new ProofStatus.KernelCheckFailed(text);
                }
                yield new ProofStatus.Unrecognized(text);
            }
        };
    }

    /** Whether a message text is the "declaration uses sorry" warning, in either spelling. */
    public static boolean isSorryWarning(String data) {
        return data.contains(SORRY_WARNING_NEW) || data.contains(SORRY_WARNING_OLD);
    }

    /**
     * Whether an error response says the process does not know the proof state or env it was
     * asked about (it restarted, or the id came from another process).
     */
    public static boolean isUnknownHandle(ReplResponse.ErrorMessage error) {
        return error.message().equals(UNKNOWN_PROOF_STATE) || error.message().equals(UNKNOWN_ENVIRONMENT);
    }

    /**
     * The axioms a {@code #print axioms NAME} report names, when {@code message} is exactly that
     * report about {@code name}. Lean prints (leanprover/lean4 {@code src/Lean/Elab/Print.lean},
     * {@code printAxiomsOf}) {@code 'N' does not depend on any axioms} or {@code 'N' depends on
     * axioms: [a, b, c]}, where {@code N} is the constant's full name as {@code Name.toString}
     * escapes it (so {@code Foo.t} for {@code t} declared in namespace {@code Foo}, {@code «my t»}
     * for an escaped name) and the list is a formatted {@code List Name} that may wrap over lines
     * (sorted by {@code Name.lt} since lean4 issue #4415, unsorted at v4.9.0). Anything else,
     * a prefix or suffix included, is not a report: empty.
     */
    public static Optional<List<String>> printedAxioms(String message, String name) {
        String text = message.strip();
        Matcher none = NO_AXIOMS.matcher(text);
        if (none.matches()) {
            return names(none.group(1), name) ? Optional.of(List.of()) : Optional.empty();
        }
        Matcher some = SOME_AXIOMS.matcher(text);
        if (!some.matches() || !names(some.group(1), name)) {
            return Optional.empty();
        }
        List<String> axioms = new ArrayList<>();
        for (String part : some.group(2).split(",")) {
            String axiom = part.strip();
            if (axiom.isEmpty() || !AXIOM_NAME.matcher(axiom).matches()) {
                return Optional.empty();
            }
            axioms.add(axiom);
        }
        return Optional.of(List.copyOf(axioms));
    }

    private static final Pattern NO_AXIOMS = Pattern.compile("'(.+)' does not depend on any axioms", Pattern.DOTALL);
    private static final Pattern SOME_AXIOMS = Pattern.compile("'(.+?)' depends on axioms: \\[(.+)\\]", Pattern.DOTALL);
    private static final Pattern AXIOM_NAME = Pattern.compile("[^\\s,\\[\\]']+");

    /** Whether the printed full name is {@code name}, possibly under a namespace. */
    private static boolean names(String printed, String name) {
        List<String> full = LeanText.parts(printed);
        List<String> wanted = LeanText.parts(name.startsWith("_root_.") ? name.substring("_root_.".length()) : name);
        return full.size() >= wanted.size() && full.subList(full.size() - wanted.size(), full.size()).equals(wanted);
    }

    // ------------------------------------------------------------------ requests

    /** One line of JSON, never containing a raw newline (the REPL would join it away). */
    public String encodeRequest(ReplRequest request) {
        ObjectNode o = NODES.objectNode();
        switch (request) {
            case ReplRequest.Command c -> {
                o.put("cmd", c.cmd());
                putOptions(o, c.env(), c.allTactics(), c.rootGoals(), c.infotree());
            }
            case ReplRequest.File f -> {
                o.put("path", f.path());
                putOptions(o, f.env(), f.allTactics(), f.rootGoals(), f.infotree());
            }
            case ReplRequest.Tactic t -> {
                o.put("tactic", t.tactic());
                o.put("proofState", t.proofState());
            }
            case ReplRequest.PickleEnv p -> {
                o.put("pickleTo", p.pickleTo());
                o.put("env", p.env());
            }
            case ReplRequest.PickleProofState p -> {
                o.put("pickleTo", p.pickleTo());
                o.put("proofState", p.proofState());
            }
            case ReplRequest.UnpickleEnv u -> o.put("unpickleEnvFrom", u.unpickleEnvFrom());
            case ReplRequest.UnpickleProofState u -> {
                o.put("unpickleProofStateFrom", u.unpickleProofStateFrom());
                if (u.env() != null) {
                    o.put("env", u.env());
                }
            }
        }
        return compact(o);
    }

    private static void putOptions(ObjectNode o, Integer env, Boolean allTactics, Boolean rootGoals, String infotree) {
        if (env != null) {
            o.put("env", env);
        }
        if (allTactics != null) {
            o.put("allTactics", allTactics);
        }
        if (rootGoals != null) {
            o.put("rootGoals", rootGoals);
        }
        if (infotree != null) {
            o.put("infotree", infotree);
        }
    }

    /** Decodes one request, trying its forms in the REPL's own order. */
    public ReplRequest decodeRequest(String json) {
        ObjectNode o = parseObject(json);
        try {
            return decodeRequestFields(o, json);
        } catch (IllegalArgumentException e) {
            throw new ReplProtocolException("bad REPL request (" + e.getMessage() + "): " + abbreviate(json), e);
        }
    }

    private static ReplRequest decodeRequestFields(ObjectNode o, String json) {
        if (o.has("tactic")) {
            return new ReplRequest.Tactic(text(o, "tactic"), integer(o, "proofState"));
        }
        if (o.has("pickleTo") && o.has("env")) {
            return new ReplRequest.PickleEnv(text(o, "pickleTo"), integer(o, "env"));
        }
        if (o.has("unpickleEnvFrom")) {
            return new ReplRequest.UnpickleEnv(text(o, "unpickleEnvFrom"));
        }
        if (o.has("pickleTo")) {
            return new ReplRequest.PickleProofState(text(o, "pickleTo"), integer(o, "proofState"));
        }
        if (o.has("unpickleProofStateFrom")) {
            return new ReplRequest.UnpickleProofState(text(o, "unpickleProofStateFrom"), optionalInteger(o, "env"));
        }
        if (o.has("cmd")) {
            return new ReplRequest.Command(text(o, "cmd"), optionalInteger(o, "env"),
                    optionalBoolean(o, "allTactics"), optionalBoolean(o, "rootGoals"), optionalText(o, "infotree"));
        }
        if (o.has("path")) {
            return new ReplRequest.File(text(o, "path"), optionalInteger(o, "env"),
                    optionalBoolean(o, "allTactics"), optionalBoolean(o, "rootGoals"), optionalText(o, "infotree"));
        }
        throw new ReplProtocolException("not a REPL request (no cmd, path, tactic, pickleTo, unpickleEnvFrom"
                + " or unpickleProofStateFrom): " + abbreviate(json));
    }

    // ------------------------------------------------------------------ responses

    /** Decodes one response (the text between two empty lines). */
    public ReplResponse decodeResponse(String json) {
        return decodeResponse(parseObject(json));
    }

    public ReplResponse decodeResponse(ObjectNode o) {
        try {
            return decodeResponseFields(o);
        } catch (IllegalArgumentException e) {
            throw new ReplProtocolException("bad REPL response (" + e.getMessage() + "): " + abbreviate(compact(o)), e);
        }
    }

    private ReplResponse decodeResponseFields(ObjectNode o) {
        if (o.has("message") && !o.has("env") && !o.has("proofState")) {
            return new ReplResponse.ErrorMessage(text(o, "message"));
        }
        if (o.has("env")) {
            return new ReplResponse.CommandResult(integer(o, "env"), messages(o), sorries(o),
                    o.get("tactics"), o.get("infotree"));
        }
        if (o.has("proofState")) {
            ProofStatus status = o.has("proofStatus")
                    ? proofStatus(text(o, "proofStatus")) : new ProofStatus.NotReported();
            return new ReplResponse.TacticResult(integer(o, "proofState"), strings(o, "goals"), messages(o),
                    sorries(o), o.get("traces"), status);
        }
        throw new ReplProtocolException("not a REPL response (no env, proofState or message): "
                + abbreviate(compact(o)));
    }

    /**
     * The response as JSON, with exactly the keys the REPL would send (empty lists are left out,
     * as the REPL does). {@link ResponseWriter} lays it out the way the REPL prints it.
     */
    public ObjectNode toJson(ReplResponse response) {
        ObjectNode o = NODES.objectNode();
        switch (response) {
            case ReplResponse.CommandResult c -> {
                o.put("env", c.env());
                putMessagesAndSorries(o, c.messages(), c.sorries());
                putRaw(o, "tactics", c.tactics());
                putRaw(o, "infotree", c.infotree());
            }
            case ReplResponse.TacticResult t -> {
                o.put("proofState", t.proofState());
                ArrayNode goals = o.putArray("goals");
                t.goals().forEach(goals::add);
                putMessagesAndSorries(o, t.messages(), t.sorries());
                putRaw(o, "traces", t.traces());
                if (!(t.proofStatus() instanceof ProofStatus.NotReported)) {
                    o.put("proofStatus", t.proofStatus().text());
                }
            }
            case ReplResponse.ErrorMessage e -> o.put("message", e.message());
        }
        return o;
    }

    private static void putMessagesAndSorries(ObjectNode o, List<Message> messages, List<Sorry> sorries) {
        if (!messages.isEmpty()) {
            ArrayNode a = o.putArray("messages");
            for (Message m : messages) {
                ObjectNode n = a.addObject();
                putRaw(n, "pos", m.pos());
                putRaw(n, "endPos", m.endPos());
                n.put("severity", m.severity().json());
                n.put("data", m.data());
            }
        }
        if (!sorries.isEmpty()) {
            ArrayNode a = o.putArray("sorries");
            for (Sorry s : sorries) {
                ObjectNode n = a.addObject();
                putRaw(n, "pos", s.pos());
                putRaw(n, "endPos", s.endPos());
                n.put("goal", s.goal());
                if (s.proofState() != null) {
                    n.put("proofState", s.proofState());
                }
            }
        }
    }

    private static void putRaw(ObjectNode o, String key, JsonNode value) {
        if (value != null) {
            o.set(key, value.deepCopy());
        }
    }

    // ------------------------------------------------------------------ JSON helpers

    /** Compact one-line JSON; Jackson escapes control characters, so no raw newline can appear. */
    public String compact(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Parses one JSON object. */
    public ObjectNode parseObject(String json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ReplProtocolException("not valid JSON (" + e.getOriginalMessage() + "): " + abbreviate(json), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new ReplProtocolException("empty JSON text");
        }
        if (!(node instanceof ObjectNode o)) {
            throw new ReplProtocolException("expected a JSON object, got " + node.getNodeType() + ": " + abbreviate(json));
        }
        return o;
    }

    private static List<Message> messages(ObjectNode o) {
        JsonNode a = o.get("messages");
        if (a == null || a.isNull()) {
            return List.of();
        }
        List<Message> out = new ArrayList<>();
        for (JsonNode n : array(a, "messages")) {
            ObjectNode m = object(n, "messages[]");
            out.add(new Message(severity(text(m, "severity")), text(m, "data"), m.get("pos"), m.get("endPos")));
        }
        return out;
    }

    private static Severity severity(String text) {
        for (Severity s : Severity.values()) {
            if (s.json().equals(text)) {
                return s;
            }
        }
        throw new ReplProtocolException("unknown message severity \"" + text + "\" (expected info, warning or error)");
    }

    private static List<Sorry> sorries(ObjectNode o) {
        JsonNode a = o.get("sorries");
        if (a == null || a.isNull()) {
            return List.of();
        }
        List<Sorry> out = new ArrayList<>();
        for (JsonNode n : array(a, "sorries")) {
            ObjectNode s = object(n, "sorries[]");
            out.add(new Sorry(text(s, "goal"), optionalInteger(s, "proofState"), s.get("pos"), s.get("endPos")));
        }
        return out;
    }

    private static List<String> strings(ObjectNode o, String key) {
        JsonNode a = o.get(key);
        if (a == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : array(a, key)) {
            if (!n.isTextual()) {
                throw new ReplProtocolException(key + " must hold strings, got " + n.getNodeType());
            }
            out.add(n.textValue());
        }
        return out;
    }

    private static ArrayNode array(JsonNode n, String key) {
        if (!(n instanceof ArrayNode a)) {
            throw new ReplProtocolException(key + " must be an array, got " + n.getNodeType());
        }
        return a;
    }

    private static ObjectNode object(JsonNode n, String key) {
        if (!(n instanceof ObjectNode o)) {
            throw new ReplProtocolException(key + " must be an object, got " + n.getNodeType());
        }
        return o;
    }

    private static String text(ObjectNode o, String key) {
        JsonNode n = o.get(key);
        if (n == null || !n.isTextual()) {
            throw new ReplProtocolException("\"" + key + "\" must be a string, got "
                    + (n == null ? "nothing" : n.getNodeType()));
        }
        return n.textValue();
    }

    private static String optionalText(ObjectNode o, String key) {
        return o.has(key) ? text(o, key) : null;
    }

    private static int integer(ObjectNode o, String key) {
        JsonNode n = o.get(key);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new ReplProtocolException("\"" + key + "\" must be an integer, got "
                    + (n == null ? "nothing" : n.getNodeType() + " " + n));
        }
        return n.intValue();
    }

    private static Integer optionalInteger(ObjectNode o, String key) {
        return o.has(key) ? integer(o, key) : null;
    }

    private static Boolean optionalBoolean(ObjectNode o, String key) {
        JsonNode n = o.get(key);
        if (n == null) {
            return null;
        }
        if (!n.isBoolean()) {
            throw new ReplProtocolException("\"" + key + "\" must be true or false, got " + n);
        }
        return n.booleanValue();
    }

    static String abbreviate(String text) {
        String oneLine = text.replace("\n", "\\n");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
