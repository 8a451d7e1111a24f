package dev.stepwise.prover.eval;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The family a benchmark problem belongs to, read off its name: the competition for miniF2F
 * (aime, amc, imo, mathd algebra, …) and the textbook for ProofNet (Rudin, Munkres, …), so
 * results can be broken down the way papers report them.
 */
public final class ProblemFamily {

    private record Rule(Pattern pattern, String family) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("mathd_algebra_.*"), "mathd algebra"),
            new Rule(Pattern.compile("mathd_numbertheory_.*"), "mathd number theory"),
            new Rule(Pattern.compile("aime(I|II)?_.*"), "aime"),
            new Rule(Pattern.compile("amc(8|10|12)[ab]?_.*"), "amc"),
            new Rule(Pattern.compile("imo(sl)?_.*"), "imo"),
            new Rule(Pattern.compile("induction_.*"), "induction"),
            new Rule(Pattern.compile("algebra_.*"), "algebra"),
            new Rule(Pattern.compile("numbertheory_.*"), "number theory"));

    private ProblemFamily() {
    }

    public static String of(String problemName) {
        for (Rule r : RULES) {
            if (r.pattern().matcher(problemName).matches()) {
                return r.family();
            }
        }
        int cut = problemName.indexOf('_');
        return cut > 0 ? problemName.substring(0, cut) : "other";
    }
}
