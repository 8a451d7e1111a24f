package dev.stepwise.lean;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The part of Stepwise's environment a REPL (and the one {@code lake env} run that computes its
 * Lean variables) may see. REPLs run model-written code, so they get an allow-list, never the
 * whole environment: an API key in {@code STEPWISE_MODEL_API_KEY} must not be one {@code #eval}
 * away. The Lean variables themselves come from {@link LakeEnvironment}.
 */
final class ReplEnvironment {
    /**
     * What Lean, Lake and elan read (Lake's {@code Env.compute} and {@code getSystemCacheHome?} in
     * leanprover/lean4 {@code src/lake/Lake/Config/Env.lean}; Lean's {@code findSysroot} reads
     * {@code LEAN_SYSROOT}), plus the locale and home a process expects.
     */
    static final Set<String> ALLOWED = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR",
            "XDG_CACHE_HOME", "ELAN_HOME", "ELAN_TOOLCHAIN", "LEAN_PATH", "LEAN_SRC_PATH", "LEAN_SYSROOT",
            "LD_LIBRARY_PATH");

    private ReplEnvironment() {
    }

    /** The allowed variables of {@code parent} (locale variables {@code LC_*} included); never one named like a credential. */
    static Map<String, String> allowListed(Map<String, String> parent) {
        Map<String, String> env = new LinkedHashMap<>();
        parent.forEach((name, value) -> {
            if ((ALLOWED.contains(name) || name.startsWith("LC_")) && !Secrets.isSecretName(name)) {
                env.put(name, value);
            }
        });
        return env;
    }
}
