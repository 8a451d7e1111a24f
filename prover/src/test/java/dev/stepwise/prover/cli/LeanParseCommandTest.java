package dev.stepwise.prover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stepwise lean parse} against every recorded REPL transcript. */
class LeanParseCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(new Invocation(Map.of(), dir, dir))
                .execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static List<Path> transcripts() throws Exception {
        Path root = Path.of(LeanParseCommandTest.class.getResource("/lean-repl/test").toURI());
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".expected.out")).sorted().toList();
        }
    }

    @Test
    void summaryOfEveryFixtureMatchesTheRecordedJson() throws Exception {
        int total = 0;
        for (Path out : transcripts()) {
            Run r = run("lean", "parse", out.toString());
            assertEquals(0, r.code(), out + ": " + r.err());
            String[] recorded = Files.readString(out, StandardCharsets.UTF_8).split("\n\n");
            String[] lines = r.out().split("\n");
            assertEquals(recorded.length, lines.length, out.toString());
            for (int i = 0; i < lines.length; i++) {
                JsonNode raw = JSON.readTree(recorded[i]);
                JsonNode line = JSON.readTree(lines[i]);
                assertEquals(List.of("kind", "env", "proofState", "goals", "proofStatus", "errors", "warnings",
                        "infos", "sorries", "message"), fieldNames(line));
                String kind = raw.has("message") ? "error" : raw.has("env") ? "command" : "tactic";
                assertEquals(kind, line.get("kind").textValue(), out + " #" + (i + 1));
                assertEquals(kind.equals("command") ? raw.get("env") : null, nullable(line.get("env")));
                assertEquals(kind.equals("tactic") ? raw.get("proofState") : null, nullable(line.get("proofState")));
                assertEquals(kind.equals("tactic") ? raw.get("goals").size() : -1,
                        line.get("goals").isNull() ? -1 : line.get("goals").intValue());
                assertEquals(raw.has("proofStatus") ? raw.get("proofStatus") : null, nullable(line.get("proofStatus")));
                assertEquals(severities(raw, "error"), line.get("errors").intValue());
                assertEquals(severities(raw, "warning"), line.get("warnings").intValue());
                assertEquals(severities(raw, "info"), line.get("infos").intValue());
                assertEquals(raw.has("sorries") ? raw.get("sorries").size() : 0, line.get("sorries").intValue());
                assertEquals(kind.equals("error") ? raw.get("message") : null, nullable(line.get("message")));
                total++;
            }
        }
        assertEquals(156, total);
    }

    @Test
    void undecodableResponsesAreNamedAndParsingGoesOn() throws IOException {
        Path file = dir.resolve("mixed.out");
        Files.writeString(file, "{\"env\": 0}\n\nSTACK OVERFLOW\n\n{\"message\": \"Unknown environment.\"}\n\n"
                + "{\"proofStatus\": \"Completed\",\n \"proofState\": 1,");
        Run r = run("lean", "parse", "mixed.out");
        assertEquals(1, r.code());
        assertEquals("{\"kind\":\"command\",\"env\":0,\"proofState\":null,\"goals\":null,\"proofStatus\":null,"
                + "\"errors\":0,\"warnings\":0,\"infos\":0,\"sorries\":0,\"message\":null}\n"
                + "{\"kind\":\"error\",\"env\":null,\"proofState\":null,\"goals\":null,\"proofStatus\":null,"
                + "\"errors\":0,\"warnings\":0,\"infos\":0,\"sorries\":0,\"message\":\"Unknown environment.\"}\n", r.out());
        String[] errors = r.err().split("\n");
        assertTrue(errors[0].startsWith("mixed.out: response 2 (line 3): not valid JSON"), errors[0]);
        assertEquals("mixed.out: response 4 (line 7) ends without its empty line: the stream stopped in the middle of it",
                errors[1]);
        assertEquals("stepwise: 2 of 4 responses could not be decoded", errors[2]);
    }

    @Test
    void missingFileIsAnInputError() {
        Run r = run("lean", "parse", "nope.out");
        assertEquals(2, r.code());
        assertEquals("stepwise: no such file: nope.out\n", r.err());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode nullable(JsonNode n) {
        return n == null || n.isNull() ? null : n;
    }

    private static int severities(JsonNode raw, String severity) {
        int n = 0;
        if (raw.has("messages")) {
            for (JsonNode m : raw.get("messages")) {
                if (m.get("severity").textValue().equals(severity)) {
                    n++;
                }
            }
        }
        return n;
    }
}
