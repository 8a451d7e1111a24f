package dev.stepwise.lean;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version of Lean and of the REPL tag built for it ({@code v4.24.0}, {@code v4.9.0-rc1}): the
 * REPL's tags carry the Lean version they build with. What differs between versions, with the
 * evidence (docs/evidence/lean-versions.md):
 * <ul>
 * <li>{@code proofStatus} in tactic results from REPL tag v4.19.0 (leanprover-community/repl
 * PR #63, commit 4a7e8af; v4.19.0-rc2 has none);</li>
 * <li>one flush after every response from REPL tag v4.10.0 (PR #49, commit 4fc1e6d);</li>
 * <li>the sorry warning quoted with backticks from Lean v4.28.0-rc1 (leanprover/lean4 PR #11608),
 * with apostrophes before.</li>
 * </ul>
 * Release candidates order before their release ({@code v4.28.0-rc1 < v4.28.0}).
 */
public record ReplVersion(int major, int minor, int patch, int rc) implements Comparable<ReplVersion> {
    /** The oldest tag whose tactic results carry {@code proofStatus}. */
    public static final ReplVersion PROOF_STATUS = new ReplVersion(4, 19, 0, 0);
    /** The oldest tag that flushes stdout after each response. */
    public static final ReplVersion FLUSHES = new ReplVersion(4, 10, 0, 0);
    /** The oldest Lean whose sorry warning reads {@code declaration uses `sorry`}. */
    public static final ReplVersion BACKTICK_SORRY = new ReplVersion(4, 28, 0, 1);

    private static final Pattern TEXT = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)(?:-rc(\\d+))?");
    private static final Comparator<ReplVersion> ORDER = Comparator.comparingInt(ReplVersion::major)
            .thenComparingInt(ReplVersion::minor).thenComparingInt(ReplVersion::patch)
            .thenComparingInt(v -> v.rc == 0 ? Integer.MAX_VALUE : v.rc);

    /** @param rc the release candidate number, 0 for a release */
    public ReplVersion {
        if (major < 0 || minor < 0 || patch < 0 || rc < 0) {
            throw new IllegalArgumentException("version numbers must be >= 0");
        }
    }

    /** Parses {@code v4.24.0} or {@code v4.9.0-rc1} (the {@code v} is optional). */
    public static ReplVersion parse(String text) {
        return find(text).filter(v -> TEXT.matcher(text.strip()).matches()).orElseThrow(
                () -> new IllegalArgumentException("not a Lean version such as v4.24.0 or v4.9.0-rc1: '" + text + "'"));
    }

    /** The first version written in {@code text}, e.g. in {@code leanprover/lean4:v4.24.0}. */
    public static Optional<ReplVersion> find(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new ReplVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4))));
    }

    /** Whether the REPL reports {@code proofStatus} on tactic results. */
    public boolean reportsProofStatus() {
        return atLeast(PROOF_STATUS);
    }

    /** Whether the REPL as tagged flushes after each response (older tags need commit 4fc1e6d applied). */
    public boolean flushesEachResponse() {
        return atLeast(FLUSHES);
    }

    /** The "declaration uses sorry" warning exactly as this Lean writes it. */
    public String sorryWarning() {
        return atLeast(BACKTICK_SORRY) ? "declaration uses `sorry`" : "declaration uses 'sorry'";
    }

    public boolean atLeast(ReplVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(ReplVersion o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch + (rc == 0 ? "" : "-rc" + rc);
    }
}
