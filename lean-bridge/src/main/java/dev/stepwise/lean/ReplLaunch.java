package dev.stepwise.lean;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The full command line of one REPL process: the REPL command wrapped in {@code setsid} (its own
 * process group, so a kill reaches everything it forked), {@code prlimit --as} (a memory cap)
 * and {@code bwrap} (the sandbox), each where it is available and asked for.
 */
record ReplLaunch(List<String> commandLine, boolean ownProcessGroup, boolean sandboxed, boolean memoryCapped) {

    ReplLaunch {
        commandLine = List.copyOf(commandLine);
    }

    static ReplLaunch plan(ReplProcessConfig config, HostTools tools) {
        List<String> line = new ArrayList<>();
        Optional<Path> setsid = tools.find("setsid");
        setsid.ifPresent(p -> line.add(p.toString()));
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
                String scratch = config.scratchDir().toAbsolutePath().toString();
                line.addAll(List.of(bwrap.get().toString(),
                        "--unshare-all", "--die-with-parent",
                        "--ro-bind", "/", "/",
                        "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
                        "--bind", scratch, scratch,
                        "--chdir", config.workDir().toAbsolutePath().toString(),
                        "--"));
                sandboxed = true;
            }
        }
        line.addAll(config.command());
        return new ReplLaunch(line, setsid.isPresent(), sandboxed, capped);
    }
}
