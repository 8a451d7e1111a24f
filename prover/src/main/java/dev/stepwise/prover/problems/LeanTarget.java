package dev.stepwise.prover.problems;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Lean and Mathlib a set of statements was written for: a dataset's {@code lean} and
 * {@code mathlib} in datasets/catalog.json, or what a user's file states (see {@link TargetReader}).
 *
 * @param lean the Lean version, e.g. {@code v4.24.0} or {@code v4.9.0-rc1}
 * @param mathlib the Mathlib pin: a tag ({@code v4.24.0}), a fork at a commit
 *     ({@code xinhjBrant/mathlib4@2f65ba7}), or free text that pins nothing (then only Lean is compared)
 */
public record LeanTarget(String lean, String mathlib) {
    private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+\\.\\d+(-rc\\d+)?");
    private static final Pattern FORK = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+@[A-Za-z0-9_./-]+");

    public LeanTarget {
        Objects.requireNonNull(lean, "lean");
        Objects.requireNonNull(mathlib, "mathlib");
        if (!VERSION.matcher(lean).matches()) {
            throw new IllegalArgumentException("not a Lean version such as v4.24.0 or v4.9.0-rc1: '" + lean + "'");
        }
    }

    /** The Mathlib pin, if {@code mathlib} is one (a tag or OWNER/REPO@REV) rather than a remark. */
    public Optional<String> mathlibPin() {
        return VERSION.matcher(mathlib).matches() || FORK.matcher(mathlib).matches() ? Optional.of(mathlib) : Optional.empty();
    }

    /** {@code Lean v4.9.0-rc1 with Mathlib xinhjBrant/mathlib4@2f65ba7}, or the Lean version alone when Mathlib is its tag. */
    @Override
    public String toString() {
        return "Lean " + lean + (mathlib.equals(lean) || mathlibPin().isEmpty() ? "" : " with Mathlib " + mathlib);
    }
}
