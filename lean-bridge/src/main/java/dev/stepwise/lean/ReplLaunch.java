package dev.stepwise.lean;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The full command line of one REPL process: the REPL command wrapped in {@code setsid} (its own
 * process group, so a kill reaches everything it forked), a parent guard (the group dies with
 * Stepwise), {@code prlimit --as} (a memory cap) and {@code bwrap} (the sandbox), each where it is
 * available and asked for.
 */
record ReplLaunch(List<String> commandLine, boolean ownProcessGroup, boolean sandboxed, boolean memoryCapped) {

    /**
     * The parent guard, a POSIX sh script run as {@code sh -c GUARD stepwise-repl-guard PARENT SLEEP CMD...}.
     * A REPL in its own session has nothing tying it to Stepwise: killed with SIGKILL, Stepwise
     * cannot kill its REPLs, and a REPL busy in a tactic never reads the EOF on its stdin. The
     * guard starts the REPL as its child (stdin passed on explicitly, since sh gives a background
     * job /dev/null), and a watcher that once a second reads the guard's parent from
     * {@code /proc/<guard>/stat}: when it is no longer Stepwise (the guard was re-parented because
     * Stepwise died), it SIGKILLs the guard's process group, which is the REPL's. The guard
     * waits for the REPL, stops the watcher (and its sleep, so nothing is left to re-parent) and
     * exits with the REPL's status, so exit codes (137 for an OOM kill) read as before. A watcher
     * killed before its trap is set is reported by sh as "Terminated" on the REPL's stderr:
     * the wait for it is silenced, or crash reports would carry that line. Not
     * PR_SET_PDEATHSIG ({@code setpriv --pdeathsig}): it fires when the parent THREAD that forked
     * the child ends, and the JVM thread that started a REPL may end long before the JVM.
     */
    static final String GUARD = """
            parent=$1 sleep=$2
            shift 2
            exec 3<&0
            "$@" 0<&3 3<&- &
            repl=$!
            exec 3<&-
            (
              trap 'kill "$s" 2>/dev/null; wait "$s"; exit 0' TERM
              while :; do
                IFS= read -r stat < /proc/$$/stat || exit 0
                set -- ${stat##*) }
                [ "$2" = "$parent" ] || kill -s KILL 0
                "$sleep" 1 & s=$!
                wait "$s"
              done
            ) </dev/null >/dev/null 2>&1 &
            watcher=$!
            wait "$repl"
            code=$?
            kill "$watcher" 2>/dev/null
            wait "$watcher" 2>/dev/null
            exit "$code"
            """;

    /** System directories a program needs to run; the rest of the host's file system stays out of the sandbox. */
    private static final List<String> SYSTEM_DIRS = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");
    /** Of /etc only what the dynamic linker, the C library and the JDK read; never shadow or the like. */
    private static final List<String> ETC_FILES = List.of("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
            "/etc/alternatives", "/etc/localtime", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/hosts");

    ReplLaunch {
        commandLine = List.copyOf(commandLine);
    }

    static ReplLaunch plan(ReplProcessConfig config, HostTools tools) {
        return plan(config, tools, ProcessHandle.current().pid());
    }

    /** @param parentPid the process the REPL's life is tied to (this JVM) */
    static ReplLaunch plan(ReplProcessConfig config, HostTools tools, long parentPid) {
        List<String> line = new ArrayList<>();
        Optional<Path> setsid = tools.find("setsid");
        setsid.ifPresent(p -> line.add(p.toString()));
        Optional<Path> sh = tools.find("sh");
        Optional<Path> sleep = tools.find("sleep");
        // Only in a group of its own: the guard's kill goes to its whole process group.
        if (setsid.isPresent() && sh.isPresent() && sleep.isPresent()) {
            line.addAll(List.of(sh.get().toString(), "-c", GUARD, "stepwise-repl-guard", Long.toString(parentPid),
                    sleep.get().toString()));
        }
        boolean capped = false;
        if (config.memoryCapBytes() > 0) {
            Optional<Path> prlimit = tools.find("prlimit");
            if (prlimit.isPresent()) {
                line.add(prlimit.get().toString());
                line.add("--as=" + config.memoryCapBytes());
                line.add("--");
                capped = true;
            }
        }
        boolean sandboxed = false;
        if (config.sandbox() != Sandbox.OFF) {
            Optional<Path> bwrap = tools.find("bwrap");
            if (bwrap.isEmpty() && config.sandbox() == Sandbox.REQUIRED) {
                throw new ReplStartException("the sandbox is required but bwrap is not installed"
                        + " (install bubblewrap, or set lean.sandbox to where-available or off)", null);
            }
            if (bwrap.isPresent()) {
                line.add(bwrap.get().toString());
                line.addAll(sandboxArguments(config));
                line.add("--");
                sandboxed = true;
            }
        }
        line.addAll(config.command());
        return new ReplLaunch(line, setsid.isPresent(), sandboxed, capped);
    }

    /**
     * bwrap's options (bubblewrap 0.8.0, Debian 12; {@code bwrap --help}): every namespace
     * unshared ({@code --unshare-all}: no network but a loopback of its own, no view of other
     * processes), dying with its parent, and a new root that holds only the system directories,
     * the project, what the command names and the toolchain, all read-only, and the scratch
     * directory, writable. The root itself (bwrap's tmpfs) is remounted read-only last, so the
     * scratch directory is the one place a REPL can write; the user's home, the Stepwise
     * database and /tmp are not there at all. Paths are bound at the path the REPL is given and
     * read from their real location, so a project reached through a symbolic link still works.
     */
    static List<String> sandboxArguments(ReplProcessConfig config) {
        List<String> args = new ArrayList<>(List.of("--unshare-all", "--die-with-parent"));
        for (String dir : SYSTEM_DIRS) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                // merged /usr: /bin -> usr/bin and the like stay links, as on the host
                try {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
                } catch (IOException e) {
                    // an unreadable link is left out, as a missing directory is
                }
            } else if (Files.isDirectory(p)) {
                args.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        for (String etc : ETC_FILES) {
            args.addAll(List.of("--ro-bind-try", etc, etc));
        }
        // Debian's JDKs keep their configuration in /etc/java-NN-openjdk, linked from the JDK home.
        try (Stream<Path> etc = Files.list(Path.of("/etc"))) {
            etc.filter(p -> p.getFileName().toString().startsWith("java-")).sorted()
                    .forEach(p -> args.addAll(List.of("--ro-bind", p.toString(), p.toString())));
        } catch (IOException e) {
            // no /etc to read: nothing of it to bind
        }
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        Path scratch = config.scratchDir().toAbsolutePath().normalize();
        Map<Path, Path> readOnly = new LinkedHashMap<>();
        List<Path> wanted = new ArrayList<>();
        wanted.add(config.workDir());
        wanted.addAll(config.readOnlyPaths());
        wanted.addAll(namedPaths(config.command(), config.workDir()));
        for (Path p : wanted) {
            Path dest = p.toAbsolutePath().normalize();
            if (Files.exists(dest) && !dest.startsWith(scratch) && !underSystemDir(dest)) {
                readOnly.putIfAbsent(dest, dest);
            }
        }
        // A parent bound after its child would hide it: bind the shortest paths first, and
        // leave out what an ancestor already brings.
        List<Path> ordered = readOnly.keySet().stream().sorted(Comparator.comparingInt(Path::getNameCount)).toList();
        List<Path> bound = new ArrayList<>();
        for (Path dest : ordered) {
            if (bound.stream().anyMatch(dest::startsWith)) {
                continue;
            }
            bound.add(dest);
            args.addAll(List.of("--ro-bind", realPath(dest).toString(), dest.toString()));
        }
        args.addAll(List.of("--bind", realPath(scratch).toString(), scratch.toString()));
        args.addAll(List.of("--remount-ro", "/"));
        args.addAll(List.of("--chdir", config.workDir().toAbsolutePath().normalize().toString()));
        return args;
    }

    /**
     * Absolute paths of existing files the command line names: the program, class path entries
     * ({@code -cp a.jar:b}), option values ({@code -XX:SharedArchiveFile=/x}), file arguments.
     * The command is configured by the user, so what it names is meant to be read.
     */
    static List<Path> namedPaths(List<String> command, Path workDir) {
        List<Path> paths = new ArrayList<>();
        for (String arg : command) {
            String value = arg.substring(arg.lastIndexOf('=') + 1);
            for (String piece : value.split(java.io.File.pathSeparator)) {
                if (!piece.startsWith("/")) {
                    continue;
                }
                try {
                    Path p = Path.of(piece);
                    if (Files.exists(p)) {
                        paths.add(p);
                    }
                } catch (InvalidPathException e) {
                    // text that only looks like a path (a script's body): nothing to bind
                }
            }
        }
        String program = command.get(0);
        if (!program.startsWith("/") && program.contains("/")) {
            paths.add(workDir.resolve(program));
        }
        return paths;
    }

    private static boolean underSystemDir(Path p) {
        return SYSTEM_DIRS.stream().anyMatch(d -> p.startsWith(d));
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }
}
