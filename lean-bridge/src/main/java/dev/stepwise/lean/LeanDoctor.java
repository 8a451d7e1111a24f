package dev.stepwise.lean;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Diagnoses the Lean set-up without starting Lean: toolchain and lake, the project and its build,
 * the REPL binary, Mathlib's revision, the wrappers (prlimit, bwrap) and whether memory suffices.
 */
public final class LeanDoctor {
    /** Resident memory of one REPL after {@code import Mathlib} (its address space is 9-12 GiB). */
    static final long MATHLIB_RSS_BYTES = 5L << 30;

    private final HostTools tools;
    private final Path userHome;
    private final Path meminfo;

    public LeanDoctor(HostTools tools, Path userHome, Path meminfo) {
        this.tools = tools;
        this.userHome = userHome;
        this.meminfo = meminfo;
    }

    public static LeanDoctor forThisMachine() {
        return new LeanDoctor(HostTools.fromEnvironment(), Path.of(System.getProperty("user.home")),
                Path.of("/proc/meminfo"));
    }

    public List<DoctorCheck> examine(LeanProject project, int poolSize, Sandbox sandbox) {
        List<DoctorCheck> checks = tools();
        if (!Files.isDirectory(project.root())) {
            checks.add(fail("project", project.root() + " does not exist (set lean.project)"));
            return addHostChecks(checks, poolSize, sandbox);
        }
        checks.addAll(projectChecks(project));
        return addHostChecks(checks, poolSize, sandbox);
    }

    /** lake and elan, then this machine's wrappers and memory: what every project shares. */
    public List<DoctorCheck> examineHost(int poolSize, Sandbox sandbox) {
        return addHostChecks(tools(), poolSize, sandbox);
    }

    /** One installed project: its lakefile, toolchain, Mathlib build and pin, REPL binary and version. */
    public List<DoctorCheck> examineProject(LeanProject project) {
        if (!Files.isDirectory(project.root())) {
            return List.of(fail("project", project.root() + " does not exist"));
        }
        return projectChecks(project);
    }

    private List<DoctorCheck> tools() {
        List<DoctorCheck> checks = new ArrayList<>();
        Optional<Path> lake = LeanProject.findLake(tools, userHome);
        checks.add(lake.map(p -> ok("lake", p.toString()))
                .orElseGet(() -> fail("lake", "not found on PATH or in ~/.elan/bin; run 'make lean'")));
        Optional<Path> elan = tools.find("elan").or(() -> executable(userHome.resolve(".elan/bin/elan")));
        checks.add(elan.map(p -> ok("elan", p.toString()))
                .orElseGet(() -> warn("elan", "not found (needed to install the pinned toolchain); run 'make lean'")));
        return checks;
    }

    private List<DoctorCheck> projectChecks(LeanProject project) {
        List<DoctorCheck> checks = new ArrayList<>();
        checks.add(Files.isRegularFile(project.lakefile()) ? ok("project", project.root().toString())
                : fail("project", "no lakefile.toml in " + project.root()));
        Optional<String> toolchain = project.toolchain();
        checks.add(toolchain.map(t -> toolchainCheck(t))
                .orElseGet(() -> fail("toolchain", "no lean-toolchain file in " + project.root())));
        checks.add(project.mathlibBuilt() ? ok("mathlib build", "built")
                : fail("mathlib build", "not built; run 'make lean' (lake exe cache get, lake build)"));
        checks.add(project.mathlibRevision().map(r -> ok("mathlib revision", r))
                .orElseGet(() -> warn("mathlib revision", "no lake-manifest.json yet (written by lake update)")));
        checks.add(project.replBuilt() ? ok("repl binary", project.replBinary().toString())
                : fail("repl binary", project.replBinary() + " missing; run 'make lean' (lake build repl)"));
        checks.add(replVersionCheck(project));
        return checks;
    }

    /** The REPL version, whether it reports proofStatus, and whether it can serve at all (flush). */
    static DoctorCheck replVersionCheck(LeanProject project) {
        Optional<LeanProject.ReplRelease> release = project.replVersion();
        if (release.isEmpty()) {
            return warn("repl version", "unknown: no REPL in lake-manifest.json or lakefile.toml, no lean-toolchain");
        }
        ReplVersion v = release.get().version();
        Optional<String> unusable = project.replUnusableReason();
        if (unusable.isPresent()) {
            return fail("repl version", v + " (" + release.get().from() + "): " + unusable.get());
        }
        String status = v.reportsProofStatus() ? "reports proofStatus"
                : "reports no proofStatus (tags before " + ReplVersion.PROOF_STATUS
                        + "): a step that leaves no goals is checked by elaborating the whole proof";
        String flush = v.flushesEachResponse() ? ""
                : Files.isRegularFile(project.root().resolve(LeanProject.REPL_MAIN_SOURCE))
                        ? "; flush fix applied" : "; needs the flush fix that 'make lean' applies";
        return ok("repl version", v + " (" + release.get().from() + "): " + status + flush);
    }

    private DoctorCheck toolchainCheck(String toolchain) {
        // elan keeps toolchains in directories named with '/' and ':' replaced
        String dir = toolchain.replace("/", "--").replace(":", "---");
        boolean installed = Files.isDirectory(userHome.resolve(".elan/toolchains").resolve(dir));
        return installed ? ok("toolchain", toolchain + " (installed)")
                : warn("toolchain", toolchain + " (not installed under ~/.elan; elan installs it on first use)");
    }

    private List<DoctorCheck> addHostChecks(List<DoctorCheck> checks, int poolSize, Sandbox sandbox) {
        checks.add(tools.find("prlimit").map(p -> ok("prlimit", p + " (memory cap per REPL)"))
                .orElseGet(() -> warn("prlimit", "not found: REPLs run without a memory cap (util-linux)")));
        checks.add(tools.find("setsid").map(p -> ok("setsid", p + " (own process group per REPL)"))
                .orElseGet(() -> warn("setsid", "not found: kills reach only the process tree, not its group")));
        checks.add(bwrapCheck(sandbox));
        OptionalLong available = memAvailable();
        if (available.isEmpty()) {
            checks.add(warn("memory", "cannot read " + meminfo));
        } else {
            long fit = available.getAsLong() / MATHLIB_RSS_BYTES;
            String detail = gib(available.getAsLong()) + " available; a Mathlib REPL needs about "
                    + gib(MATHLIB_RSS_BYTES) + " resident: room for " + fit + " REPLs, pool.size is " + poolSize;
            checks.add(fit >= poolSize ? ok("memory", detail) : warn("memory", detail + " (lower pool.size)"));
        }
        return checks;
    }

    /**
     * Installed is not enough: inside many containers bwrap cannot make its namespaces, and then
     * the pool runs REPLs unsandboxed (where-available) or refuses to start (required). The doctor
     * tries it the way the pool does ({@link SandboxSupport#probe}) so it never says "sandbox on"
     * for a sandbox that will not happen.
     */
    private DoctorCheck bwrapCheck(Sandbox sandbox) {
        if (sandbox == Sandbox.OFF) {
            return tools.find("bwrap").map(p -> ok("bwrap", p + " (sandbox off in config)"))
                    .orElseGet(() -> warn("bwrap", "not found; lean.sandbox is off: REPLs run without a sandbox"));
        }
        return switch (SandboxSupport.probe(tools)) {
            case SandboxSupport.Usable u -> ok("bwrap", u.bwrap() + " (sandbox on)");
            case SandboxSupport.Missing m -> sandbox == Sandbox.REQUIRED
                    ? fail("bwrap", "not found but lean.sandbox is required (install bubblewrap)")
                    : warn("bwrap", "not found: REPLs run without a sandbox (install bubblewrap)");
            case SandboxSupport.Unusable u -> sandbox == Sandbox.REQUIRED
                    ? fail("bwrap", u.bwrap() + " cannot run here (" + u.reason() + ") but lean.sandbox is required")
                    : warn("bwrap", u.bwrap() + " cannot run here (" + u.reason() + "): REPLs run without a sandbox");
        };
    }

    private OptionalLong memAvailable() {
        try {
            for (String line : Files.readAllLines(meminfo, StandardCharsets.UTF_8)) {
                if (line.startsWith("MemAvailable:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D+", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static Optional<Path> executable(Path p) {
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    private static DoctorCheck ok(String name, String detail) {
        return new DoctorCheck(name, DoctorCheck.Health.OK, detail);
    }

    private static DoctorCheck warn(String name, String detail) {
        return new DoctorCheck(name, DoctorCheck.Health.WARN, detail);
    }

    private static DoctorCheck fail(String name, String detail) {
        return new DoctorCheck(name, DoctorCheck.Health.FAIL, detail);
    }
}
