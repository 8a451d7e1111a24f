package dev.stepwise.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.lean.LeanScanner.Kind;
import dev.stepwise.lean.LeanScanner.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each lexical rule of {@link LeanScanner} with the cases where a looser reading would take code
 * for a comment (and so hide it from the gate) or a comment for code. The expected readings are
 * Lean's ({@code src/Lean/Parser/Basic.lean}).
 */
class LeanScannerTest {

    /** The spans as {@code KIND:text}, in order. */
    private static List<String> read(String text) {
        return LeanScanner.spans(text).stream().map(s -> s.kind() + ":" + text.substring(s.start(), s.end())).toList();
    }

    /** What is left of {@code text} once its comments are blanked, whitespace collapsed. */
    private static String code(String text) {
        return LeanText.maskComments(text).strip().replaceAll("\\s+", " ");
    }

    @Test
    void aLineCommentRunsToTheEndOfItsLine() {
        assertEquals(List.of("LINE_COMMENT:-- c"), read("a -- c\nb"));
        assertEquals("a b", code("a -- c\nb"));
        assertEquals("a", code("a--b"), "no space needed before a comment");
    }

    @Test
    void blockCommentsNest() {
        assertEquals(List.of("BLOCK_COMMENT:/- x /- y -/ z -/"), read("a /- x /- y -/ z -/ b"));
        assertEquals("a b", code("a /- x /- y -/ z -/ b"));
        assertEquals("a b", code("a /- x /-- doc -/ -/ b"));
    }

    @Test
    void theCharacterAfterAnOpeningIsSkippedSoSlashDashSlashDashOpensOnlyOnce() {
        // Lean reads `/-/- -/` as one comment (the `/` after `/-` is skipped unread): the axiom is code.
        // Read as two nested openings, the axiom would be masked and hidden from the gate.
        String cheat = "/-/- -/ axiom cheat : False /- -/";
        assertEquals("axiom cheat : False", code(cheat));
        assertEquals("x", code("/-/ -/ x"));
        assertEquals("", code("/-/-/"), "`/-` skips `/`, then `-/` closes");
    }

    @Test
    void docCommentsReadTheirBodyAfterTheOpeningToken() {
        assertEquals(List.of("DOC_COMMENT:/-- doc -/"), read("/-- doc -/ theorem t"));
        assertEquals(List.of("BLOCK_COMMENT:/-! module -/"), read("/-! module -/"));
        // `/--/` does not close itself: the doc comment runs to the next `-/`
        assertEquals(List.of("DOC_COMMENT:/--/ still doc -/"), read("/--/ still doc -/ x"));
        assertEquals("x", code("/--/ still doc -/ x"));
    }

    @Test
    void anUnclosedCommentRunsToTheEnd() {
        List<Span> spans = LeanScanner.spans("a /- b /- c -/ d");
        assertEquals(1, spans.size());
        assertFalse(spans.getFirst().closed());
        assertEquals(16, spans.getFirst().end());
        assertFalse(LeanScanner.spans("x /-").getFirst().closed());
        assertFalse(LeanScanner.spans("x /--").getFirst().closed());
    }

    @Test
    void commentMarksInsideAStringAreText() {
        assertEquals(List.of("STRING:\"-- not a comment /- either\""), read("\"-- not a comment /- either\" x"));
        assertEquals("\"-- not a comment\" x", code("\"-- not a comment\" x"));
    }

    @Test
    void anEscapedQuoteDoesNotEndAString() {
        assertEquals(List.of("STRING:\"a\\\"b -- c\""), read("\"a\\\"b -- c\" d"));
        assertEquals(List.of("STRING:\"a\\\\\"", "LINE_COMMENT:-- c"), read("\"a\\\\\" -- c"));
        assertFalse(LeanScanner.spans("\"abc").getFirst().closed());
    }

    @Test
    void aCommentMarkInAStringNeverStartsAComment() {
        String text = "exact \"/-\" -- tail\naxiom x : False";
        assertEquals("exact \"/-\" axiom x : False", code(text));
    }

    @Test
    void aCharLiteralHoldingAQuoteOpensNoString() {
        assertEquals(List.of("CHAR:'\"'", "LINE_COMMENT:-- c"), read("'\"' -- c"));
        assertEquals(List.of("CHAR:'\\\"'", "LINE_COMMENT:-- c"), read("'\\\"' -- c"));
        assertEquals(List.of("CHAR:'\\''", "LINE_COMMENT:-- c"), read("'\\'' -- c"));
        assertEquals(List.of("CHAR:'\\\\'", "LINE_COMMENT:-- c"), read("'\\\\' -- c"));
    }

    @Test
    void charLiteralsTakeOneCodePointOrOneEscape() {
        assertEquals(List.of("CHAR:'𝒜'", "LINE_COMMENT:-- c"), read("'𝒜' -- c"));
        assertEquals(List.of("CHAR:'\\x41'"), read("'\\x41'"));
        assertEquals(List.of("CHAR:'\\u03B1'"), read("'\\u03B1'"));
        assertEquals(List.of("CHAR:'\n'"), read("'\n'"), "Lean takes any one character");
        assertEquals(List.of("LINE_COMMENT:-- c"), read("'ab' -- c"), "two characters: Lean's error, no literal");
    }

    @Test
    void aPrimeInANameIsNoCharLiteral() {
        assertEquals(List.of("LINE_COMMENT:-- c"), read("h' -- c"));
        assertEquals(List.of("LINE_COMMENT:-- c"), read("f'' x -- c"));
        // `h'` is a name, so the `"` after it opens a string, as it does for Lean
        assertEquals(List.of("STRING:\"' -- in a string\""), read("h'\"' -- in a string\""));
        assertEquals(List.of("LINE_COMMENT:-- c"), read("f '' s -- c"), "`''` is a token, never a char literal");
        // Mathlib's `⁻¹'`, `∑'` and `∏'` are single tokens: their `'` opens nothing
        assertEquals(List.of("CHAR:'\"'", "LINE_COMMENT:-- c"), read("f ⁻¹' '\"' -- c"));
        assertEquals(List.of("LINE_COMMENT:-- c"), read("∑'n, f n -- c"));
        assertEquals(List.of("CHAR:'\"'", "LINE_COMMENT:-- c"), read("∏' '\"' -- c"));
    }

    @Test
    void aNumberEndsWhereLeanEndsIt() {
        // `2` is a number and `'"'` a char literal after it (a digit before a prime is no name)
        assertEquals(List.of("CHAR:'\"'", "LINE_COMMENT:-- c"), read("(2'\"') -- c"));
        // `2x'` is the number 2 and the name x': the `"` opens a string
        assertEquals(List.of("STRING:\"' -- s\""), read("2x'\"' -- s\""));
        assertEquals(List.of("LINE_COMMENT:-- c"), read("0x1F 1_000 2.5e-3 -- c"));
        // binary digits stop at `a`: `a'` is a name, so the `"` opens a string
        assertEquals(List.of("STRING:\"' -- s\""), read("0b1a'\"' -- s\""));
    }

    @Test
    void rawStringsHaveNoEscapes() {
        // r"\" is a whole raw string: the axiom after it is code, and only the `-- "` is a comment
        String text = "r\"\\\" axiom cheat : False -- \"";
        assertEquals(List.of("STRING:r\"\\\"", "LINE_COMMENT:-- \""), read(text));
        assertEquals("r\"\\\" axiom cheat : False", code(text));
    }

    @Test
    void rawStringsCloseOnlyWithAsManyHashesAsOpenedThem() {
        String text = "r#\"x\"--\"# axiom cheat : False";
        assertEquals(List.of("STRING:r#\"x\"--\"#"), read(text));
        assertEquals(text, code(text));
        assertEquals(List.of("STRING:r##\"a\"# \"b\"##"), read("r##\"a\"# \"b\"## c"), "`\"#` is not `\"##`");
    }

    @Test
    void anRInsideANameStartsNoRawString() {
        assertEquals(List.of("STRING:\"x -- y\""), read("bar\"x -- y\""));
        assertEquals(List.of("STRING:\"x -- y\""), read("`r\"x -- y\""), "a name literal `r, then a string");
    }

    @Test
    void guillemetNamesMayHoldCommentMarksAndQuotes() {
        assertEquals(List.of(), read("theorem «a -- b» : True"));
        assertEquals(List.of(), read("theorem «x -/ \" y» : True"));
        assertEquals(List.of("LINE_COMMENT:-- c"), read("Foo.«bar--».baz -- c"));
        assertEquals("theorem «a -- b» : True", code("theorem «a -- b» : True"));
    }

    @Test
    void aBlockCommentIgnoresGuillemets() {
        // inside a comment `«` means nothing: the comment ends at the first `-/`
        assertEquals(List.of("BLOCK_COMMENT:/- «-/"), read("/- «-/» axiom x -/"));
    }

    @Test
    void anInterpolatedStringHoldsCode() {
        // s!"{"/-"}" : the `/-` is inside a string inside the interpolation, so no comment starts
        String text = "exact s!\"{\"/-\"}\"\naxiom cheat : False";
        assertEquals(List.of("STRING:\"{\"/-\"}\"", "STRING:\"/-\""), read(text));
        assertEquals(text.replace('\n', ' '), code(text));
        // a comment inside the braces is Lean's comment
        assertEquals(List.of("STRING:\"{x -- c\n}\"", "LINE_COMMENT:-- c"), read("m! \"{x -- c\n}\""));
        // nested braces stay inside the interpolation
        assertEquals(List.of("STRING:\"{ {a := 1} }\"", "LINE_COMMENT:-- c"), read("s!\"{ {a := 1} }\" -- c"));
        // an ordinary string's braces are text
        assertEquals(List.of("STRING:\"{\"", "LINE_COMMENT:-- c"), read("\"{\" -- c"));
    }

    @Test
    void blankKeepsOffsetsAndNewlines() {
        String text = "a /- x\ny -/ b";
        String masked = LeanScanner.blank(text, LeanScanner.spans(text), Span::isComment);
        assertEquals(text.length(), masked.length());
        assertEquals("a     \n     b", masked);
        assertTrue(LeanScanner.spans(text).getFirst().closed());
        assertEquals(Kind.BLOCK_COMMENT, LeanScanner.spans(text).getFirst().kind());
    }
}
