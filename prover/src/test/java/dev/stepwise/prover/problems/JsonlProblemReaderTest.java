package dev.stepwise.prover.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonlProblemReaderTest {

    private static final String ROW = "{\"name\": \"%s\", \"split\": \"test\", \"header\": \"import Mathlib\\n\", "
            + "\"formal_statement\": \"%s\", \"informal_statement\": \"informal\", "
            + "\"source\": {\"repo\": \"o/r\", \"commit\": \"0123456789abcdef\", \"path\": \"f.jsonl\", \"line\": 7}}";

    @Test
    void readsRowsWithTheirSource() {
        ProblemSet set = JsonlProblemReader.read(ROW.formatted("p1", "theorem p1 : True := by") + "\n", "d.jsonl");
        Problem p = set.problems().get(0);
        assertEquals("p1", p.name());
        assertEquals("test", p.split());
        assertEquals("import Mathlib\n", p.header());
        assertEquals("o/r@0123456789ab:f.jsonl:7", p.source());
        assertEquals(List.of(), set.notes());
    }

    @Test
    void termModeStatementsGetByAndRepeatedNamesAreMadeUnique() {
        String text = ROW.formatted("p", "theorem p : True :=") + "\n\n" + ROW.formatted("p", "theorem p : True := by");
        ProblemSet set = JsonlProblemReader.read(text, "d.jsonl");
        assertEquals(List.of("p", "p~2"), set.problems().stream().map(Problem::name).toList());
        assertEquals("theorem p : True := by", set.problems().get(0).formalStatement());
        assertEquals(List.of("d.jsonl:3: 'p' appears again; this row is named 'p~2'",
                "d.jsonl: 1 statement(s) ended in ':='; 'by' was appended to make them tactic proofs"), set.notes());
    }

    @Test
    void everyDefectIsReportedWithItsLine() {
        String text = String.join("\n",
                ROW.formatted("ok", "theorem ok : True := by"),
                "{not json",
                "{\"name\": \"x\"}",
                ROW.formatted("bad", "theorem bad : True"),
                "[1, 2]");
        ProblemFileException e = assertThrows(ProblemFileException.class, () -> JsonlProblemReader.read(text, "d.jsonl"));
        List<String> lines = e.defects().stream().map(Defect::toString).toList();
        assertEquals(4, lines.size(), lines.toString());
        assertEquals("d.jsonl:2:2: not valid JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start field name",
                lines.get(0));
        assertEquals("d.jsonl:3: missing or non-text field(s): split, header, formal_statement", lines.get(1));
        assertEquals("d.jsonl:4: formal_statement of 'bad' must end in ':= by' or ':='", lines.get(2));
        assertEquals("d.jsonl:5: expected a JSON object, got ARRAY", lines.get(3));
    }
}
