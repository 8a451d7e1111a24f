package dev.stepwise.prover.sim.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A goal as the generator manipulates it: an optional case tag, hypotheses and the target.
 * {@link #render()} prints it the way Lean's pretty printer does: {@code case NAME} first,
 * consecutive hypotheses of the same type on one line, then {@code ⊢ target}.
 */
record Goal(String caseTag, List<Hypothesis> hypotheses, String target) {
    Goal {
        Objects.requireNonNull(caseTag, "caseTag");
        hypotheses = List.copyOf(hypotheses);
        if (target.isBlank()) {
            throw new IllegalArgumentException("goal without target");
        }
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        if (!caseTag.isEmpty()) {
            sb.append("case ").append(caseTag).append('\n');
        }
        List<String> names = new ArrayList<>();
        String type = null;
        for (Hypothesis h : hypotheses) {
            if (h.type().equals(type)) {
                names.addAll(h.names());
                continue;
            }
            if (type != null) {
                sb.append(String.join(" ", names)).append(" : ").append(type).append('\n');
            }
            names = new ArrayList<>(h.names());
            type = h.type();
        }
        if (type != null) {
            sb.append(String.join(" ", names)).append(" : ").append(type).append('\n');
        }
        return sb.append("⊢ ").append(target).toString();
    }

    Goal withTarget(String newTarget) {
        return new Goal(caseTag, hypotheses, newTarget);
    }

    Goal withTag(String tag) {
        return new Goal(tag, hypotheses, target);
    }

    Goal plus(Hypothesis h) {
        List<Hypothesis> hs = new ArrayList<>(hypotheses);
        hs.add(h);
        return new Goal(caseTag, hs, target);
    }

    Goal replacing(Hypothesis old, List<Hypothesis> replacements) {
        List<Hypothesis> hs = new ArrayList<>();
        for (Hypothesis h : hypotheses) {
            if (h.equals(old)) {
                hs.addAll(replacements);
            } else {
                hs.add(h);
            }
        }
        return new Goal(caseTag, hs, target);
    }

    /** Every name bound in the goal, to pick fresh ones. */
    boolean binds(String name) {
        return hypotheses.stream().anyMatch(h -> h.names().contains(name));
    }
}
