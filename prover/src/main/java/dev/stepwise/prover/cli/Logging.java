package dev.stepwise.prover.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * The one logging set-up of the program, made at start by {@link Main}: java.util.logging (where
 * lean-bridge's and the search's {@code System.Logger} records go) and slf4j-simple (the model
 * client's health checks) both print one line per record on stderr, {@code stepwise: warning: …}
 * as errors are {@code stepwise: …}. Quiet by default: warnings and errors only; {@code --verbose}
 * adds information and detail, and the stack traces of logged failures.
 */
final class Logging {
    private Logging() {
    }

    /** Whether the command line asks for {@code --verbose}, looked at before picocli parses it, as logging starts first. */
    static boolean verbose(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--verbose") || a.matches("-[A-Za-z]*v[A-Za-z]*")) {
                return true;
            }
        }
        return false;
    }

    static void configure(boolean verbose, PrintStream err) {
        // slf4j-simple reads its settings once, when its first logger is made: set them before.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showLogName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "false");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "false");
        for (String level : List.of("error", "warn", "info", "debug", "trace")) {
            System.setProperty("org.slf4j.simpleLogger." + level + "LevelString", "stepwise: " + label(level) + ":");
        }

        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Level level = verbose ? Level.FINE : Level.WARNING;
        root.setLevel(level);
        Handler handler = new StreamHandler(err, new OneLine(verbose)) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush(); // a line is seen when it is written, not when the buffer fills
            }

            @Override
            public synchronized void close() {
                // LogManager closes every handler in a shutdown hook; closing would close stderr
                // itself, and a line other hooks print then (how to continue a stopped run) would be lost.
                flush();
            }
        };
        handler.setLevel(level);
        root.addHandler(handler);
    }

    private static String label(String slf4jLevel) {
        return switch (slf4jLevel) {
            case "warn" -> "warning";
            case "trace" -> "debug";
            default -> slf4jLevel;
        };
    }

    /** {@code stepwise: LEVEL: message[: failure]} on one line; the stack trace only when verbose. */
    static final class OneLine extends Formatter {
        private final boolean verbose;

        OneLine(boolean verbose) {
            this.verbose = verbose;
        }

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder("stepwise: ").append(label(record.getLevel())).append(": ")
                    .append(formatMessage(record).replaceAll("\\s*\\R\\s*", " "));
            Throwable failure = record.getThrown();
            if (failure != null) {
                line.append(": ").append(failure);
            }
            line.append(System.lineSeparator());
            if (failure != null && verbose) {
                StringWriter trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }

        private static String label(Level level) {
            int v = level.intValue();
            return v >= Level.SEVERE.intValue() ? "error" : v >= Level.WARNING.intValue() ? "warning"
                    : v >= Level.INFO.intValue() ? "info" : "debug";
        }
    }
}
