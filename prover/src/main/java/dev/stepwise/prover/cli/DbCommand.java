package dev.stepwise.prover.cli;

import dev.stepwise.prover.config.CoreKeys;
import dev.stepwise.prover.store.DatabaseInfo;
import dev.stepwise.prover.store.DatabaseInspector;
import dev.stepwise.prover.store.schema.Migrations;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stepwise db}: look at the SQLite database. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Look at the database holding runs, proofs, search trees and rounds.",
        subcommands = DbCommand.Info.class)
final class DbCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = {"Print the database's path, schema version and the row count of every table. Reads without "
                + "changing anything (an older database is not upgraded).",
                "Exit 0 also when there is no database yet; 2 when the file is not a Stepwise database; 3 when "
                + "it cannot be read."})
    static final class Info implements Runnable {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        Info(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public void run() {
            DatabaseInfo info = new DatabaseInspector(Migrations.standard(), invocation.app().settings().duration(CoreKeys.BUSY_TIMEOUT))
                    .inspect(invocation.app().storeLocation(), invocation.app().env());
            PrintWriter out = spec.commandLine().getOut();
            switch (info) {
                case DatabaseInfo.Missing m ->
                    out.println("no database at " + m.path() + " yet (the first prove, eval or iterate run creates it)");
                case DatabaseInfo.Present p -> print(out, p);
            }
            out.flush();
        }

        private static void print(PrintWriter out, DatabaseInfo.Present p) {
            out.println("database        " + p.location());
            out.println("size            " + size(p.sizeBytes()) + " (" + p.storage() + ")");
            out.println("schema version  " + p.schemaVersion() + " " + compatibility(p.schemaVersion(), p.supportedVersion()));
            int width = p.tables().stream().mapToInt(t -> t.table().length()).max().orElse(0);
            out.println("rows");
            for (DatabaseInfo.TableCount t : p.tables()) {
                out.printf("  %-" + width + "s  %,12d%n", t.table(), t.rows());
            }
        }

        private static String compatibility(int version, int supported) {
            if (version == supported) {
                return "(current)";
            }
            if (version < supported) {
                return "(this stepwise understands up to " + supported
                        + "; the database is upgraded when a command next opens it for writing)";
            }
            return "(newer than this stepwise, which understands up to " + supported + "; upgrade stepwise to use it)";
        }

        private static String size(long bytes) {
            if (bytes < 1024) {
                return bytes + " bytes";
            }
            String[] units = {"KiB", "MiB", "GiB", "TiB"};
            double value = bytes;
            int unit = -1;
            while (value >= 1024 && unit < units.length - 1) {
                value /= 1024;
                unit++;
            }
            return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
        }
    }
}
