package dev.stepwise.prover.sim.repl;

import dev.stepwise.lean.LeanText;
import java.util.ArrayList;
import java.util.List;

/** The axioms a simulated proof depends on, and Lean's {@code #print axioms} report of them. */
final class Axioms {
    private static final List<String> STANDARD_AXIOMS = List.of("propext", "Classical.choice", "Quot.sound");

    private Axioms() {
    }

    /** Lean's report (printAxiomsOf): the list sorted by Name.lt, as Lean prints it since lean4 issue #4415. */
    static String report(String name, List<String> axioms) {
        if (axioms.isEmpty()) {
            return "'" + name + "' does not depend on any axioms";
        }
        List<String> sorted = new ArrayList<>(axioms);
        sorted.sort(Axioms::nameCmp);
        return "'" + name + "' depends on axioms: [" + String.join(", ", sorted) + "]";
    }

    /** Lean's Name.cmp on string parts: the prefixes first, then the last part by its characters. */
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

    /** What a Mathlib-tactic proof depends on: the three standard axioms plus what the proof added. */
    static List<String> of(List<String> extra) {
        List<String> axioms = new ArrayList<>();
        axioms.add("propext");
        if (extra.contains("sorryAx")) {
            axioms.add("sorryAx");
        }
        axioms.add("Classical.choice");
        extra.stream().filter(a -> !a.equals("sorryAx") && !STANDARD_AXIOMS.contains(a)).distinct().forEach(axioms::add);
        axioms.add("Quot.sound");
        return axioms;
    }
}
