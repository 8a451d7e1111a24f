package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate against a test REPL that answers as Lean would ({@link LeanAnswersRepl}, fed by the
 * cheat corpus {@code gate/cheat-corpus.json}): every cheat of the corpus is rejected for the
 * reason that names what caught it, with the word filter on and with it off (where Lean's own
 * answers can show the cheat at all), and every honest proof is accepted.
 */
class AcceptanceGateTest {
    private static final String STANDARD_REASON = "the header differs from the reference header";

    @TempDir
    static Path dir;

    private static JsonNode corpus;
    private static JsonNode reference;
    private static ReplPool pool;
    private static AcceptanceGate gate;
    private static AcceptanceGate unfiltered;

    @BeforeAll
    static void startPool() throws IOException, URISyntaxException {
        Path file = Path.of(AcceptanceGateTest.class.getResource("/gate/cheat-corpus.json").toURI());
        corpus = new ObjectMapper().readTree(file.toFile());
        reference = corpus.get("reference");
        List<String> headers = new ArrayList<>(List.of(reference.get("header").asText()));
        for (JsonNode c : corpus.get("cheats")) {
            if (c.has("referenceHeader") && !headers.contains(c.get("referenceHeader").asText())) {
                headers.add(c.get("referenceHeader").asText());
            }
        }
        var config = ReplPoolConfig.defaults(1, LeanAnswersRepl.config(dir, file), headers)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30));
        pool = ReplPool.start(config, new ReplCodec(), HostTools.fromEnvironment(), InstantSource.system());
        gate = new AcceptanceGate(pool, GatePolicy.standard(Duration.ofSeconds(10)));
        unfiltered = new AcceptanceGate(pool, new GatePolicy(GatePolicy.STANDARD_AXIOMS, List.of(), Duration.ofSeconds(10)));
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    private static GateRequest request(JsonNode c) {
        String refHeader = c.has("referenceHeader") ? c.get("referenceHeader").asText() : reference.get("header").asText();
        return new GateRequest(refHeader, c.has("header") ? c.get("header").asText() : refHeader,
                reference.get("name").asText(), reference.get("statement").asText(),
                c.has("statement") ? c.get("statement").asText() : reference.get("statement").asText(),
                c.get("proof").asText());
    }

    private static boolean rejectedFor(GateVerdict v, String reason) {
        return v.decision() == GateDecision.REJECTED && v.reasons().stream().anyMatch(r -> r.contains(reason));
    }

    @Test
    void everyCheatOfTheCorpusIsRejected() {
        List<String> missed = new ArrayList<>();
        for (JsonNode c : corpus.get("cheats")) {
            GateVerdict v = gate.check(request(c));
            if (!rejectedFor(v, c.get("caughtBy").asText())) {
                missed.add(c.get("kind").asText() + ": " + v.decision() + " " + v.reasons());
            }
        }
        assertEquals(List.of(), missed);
        assertTrue(corpus.get("cheats").size() >= 25, "at least 25 kinds");
    }

    @Test
    void withTheWordFilterOffLeanAloneCatchesWhatItCanShow() {
        List<String> wrong = new ArrayList<>();
        for (JsonNode c : corpus.get("cheats")) {
            GateVerdict v = unfiltered.check(request(c));
            JsonNode without = c.get("caughtWithoutFilter");
            // null: Lean reports nothing wrong (meta code, a skipped kernel check); only the filter stops it
            boolean ok = without.isNull() ? v.accepted() : rejectedFor(v, without.asText());
            if (!ok) {
                wrong.add(c.get("kind").asText() + ": " + v.decision() + " " + v.reasons());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyHonestProofIsAccepted() {
        for (JsonNode c : corpus.get("honest")) {
            GateVerdict v = gate.check(request(c));
            assertEquals(GateDecision.ACCEPTED, v.decision(), c.get("kind").asText() + ": " + v.reasons());
            List<String> axioms = new ArrayList<>();
            c.get("lean").get("axioms").forEach(a -> axioms.add(a.asText()));
            assertEquals(axioms.stream().sorted().toList(), v.axioms().stream().sorted().toList(), c.get("kind").asText());
        }
    }

    @Test
    void aReportPrintedByTheProofIsNotTheAxiomReport() {
        JsonNode forged = null;
        for (JsonNode c : corpus.get("cheats")) {
            if (c.get("kind").asText().equals("forged axiom report")) {
                forged = c;
            }
        }
        GateVerdict v = unfiltered.check(request(forged));
        assertEquals(List.of("depends on axiom Lean.ofReduceBool, which is not allowed"), v.reasons());
        assertEquals(List.of("Lean.ofReduceBool"), v.axioms());
    }

    @Test
    void theSearchFormChecksTheStatementTheProofAndEveryReason() {
        String header = reference.get("header").asText();
        String statement = reference.get("statement").asText();
        GateVerdict clean = gate.check(header, "t", statement, statement + "\n  decide");
        assertEquals(new GateVerdict("t", GateDecision.ACCEPTED, List.of(), List.of()), clean);
        GateVerdict sorry = gate.check(header, "t", statement, statement + "\n  sorry");
        assertEquals(List.of("forbidden text in the proof: `sorry`", "Lean warning: declaration uses `sorry`",
                "the proof contains sorry (1)", "depends on axiom sorryAx, which is not allowed"), sorry.reasons());
        GateVerdict changed = gate.check(header, "t", statement, "theorem t : 2 ^ 10 % 7 < 7 := by\n  decide");
        assertEquals(List.of("the statement was changed: it has `theorem t : 2 ^ 10 % 7 < 7 := by` where the reference "
                + "has `theorem t : 2 ^ 10 % 7 = 2 := by`", "the proved statement is not the reference statement: Type "
                + "mismatch\n  rfl\nhas type\n  ?m.5 = ?m.5\nbut is expected to have type\n  (2 ^ 10 % 7 < 7) = (2 ^ 10 % 7 = 2)"),
                changed.reasons());
    }

    @Test
    void aHeaderDifferenceIsNamed() {
        String header = reference.get("header").asText();
        String statement = reference.get("statement").asText();
        GateVerdict v = gate.check(new GateRequest(header, header + "open Nat in\n", "t", statement, statement, "decide"));
        assertEquals(List.of(STANDARD_REASON + " (it adds `open Nat in`); the theorem is checked under the reference "
                + "header only"), v.reasons());
    }

    @Test
    void statementComparisonIgnoresCommentsAndWhitespaceOnly() {
        String s = "theorem t (n : Nat) : n + 0 = n := by";
        assertEquals("\n  simp", AcceptanceGate.proofAfter(s, "theorem t (n : Nat)\n    : n + 0 = n := by\n  simp"));
        assertEquals("\n  simp", AcceptanceGate.proofAfter(s, "theorem t (n : Nat) -- n\n  /- zero -/ : n + 0 = n := by\n  simp"));
        assertNull(AcceptanceGate.proofAfter(s, "theorem t (n : Nat) : n + 0 = n+1 := by simp"));
        assertEquals(Optional.empty(), AcceptanceGate.statementChange(s, "theorem t (n : Nat) /- a -/ : n + 0 = n := by"));
        assertEquals(Optional.empty(), AcceptanceGate.statementChange(s, "theorem t (n:Nat) : n+0 = n := by"));
        assertEquals(Optional.of("the statement was changed: it has `(n : Nat) : n + 0 = m := by` where the "
                + "reference has `(n : Nat) : n + 0 = n := by`"),
                AcceptanceGate.statementChange(s, "theorem t (n : Nat) : n + 0 = m := by"));
    }

    @Test
    void theReferenceIsDeclaredUnderTheGatesOwnNameWithoutItsAttributes() {
        assertEquals(Optional.of("theorem " + AcceptanceGate.referenceName("t") + " (n : Nat) : n + 0 = n := by\n  sorry"),
                AcceptanceGate.referenceCommand("/-- doc -/\n@[simp] theorem t (n : Nat) : n + 0 = n := by", "t"));
        assertEquals("example : type_of% @t = type_of% @r := rfl", AcceptanceGate.typesAgree("t", "r"));
    }

    @Test
    void onlyAnExactReportAboutTheNameIsAnAxiomReport() {
        List<String> standard = List.of("propext", "Classical.choice", "Quot.sound");
        assertEquals(Optional.of(List.of()), ReplCodec.printedAxioms("'t' does not depend on any axioms", "t"));
        assertEquals(Optional.of(standard),
                ReplCodec.printedAxioms("'t' depends on axioms: [propext, Classical.choice, Quot.sound]\n", "t"));
        assertEquals(Optional.of(List.of("propext", "Lean.ofReduceBool")),
                ReplCodec.printedAxioms("'t' depends on axioms: [propext,\n Lean.ofReduceBool]", "t"));
        // the full name Lean prints: a namespace before it, guillemets around an escaped part
        assertEquals(Optional.of(List.of()), ReplCodec.printedAxioms("'Foo.t' does not depend on any axioms", "t"));
        assertEquals(Optional.of(List.of()), ReplCodec.printedAxioms("'«my t»' does not depend on any axioms", "«my t»"));
        assertEquals(Optional.empty(), ReplCodec.printedAxioms("'u' depends on axioms: [propext]", "t"));
        assertEquals(Optional.empty(), ReplCodec.printedAxioms("'Foo.ut' does not depend on any axioms", "t"));
        assertEquals(Optional.empty(), ReplCodec.printedAxioms("t : n + 0 = n", "t"));
        // a prefix or a tail is not the report
        assertEquals(Optional.empty(), ReplCodec.printedAxioms("note: 't' does not depend on any axioms", "t"));
        assertEquals(Optional.empty(), ReplCodec.printedAxioms("'t' does not depend on any axioms (trust me)", "t"));
        assertEquals(Optional.empty(), ReplCodec.printedAxioms("'t' depends on axioms: [] extra", "t"));
    }
}
