package dev.stepwise.prover.cli;

import dev.stepwise.prover.app.Application;
import dev.stepwise.prover.config.CoreKeys;
import dev.stepwise.prover.exit.UserError;
import dev.stepwise.prover.store.DatabaseInfo;
import dev.stepwise.prover.store.DatabaseInspector;
import dev.stepwise.prover.store.Store;
import dev.stepwise.prover.store.StoreCopy;
import dev.stepwise.prover.store.StoreLocation;
import dev.stepwise.prover.store.schema.Migrations;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stepwise db}: look at a store, or copy one into another (SQLite and PostgreSQL alike). */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Look at the database holding runs, proofs, search trees and rounds, or copy it.",
        subcommands = {DbCommand.Info.class, DbCommand.Copy.class})
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

    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = {"Copy every run, attempt, search tree, proof, round and training example of one store into "
                + "another, empty one, keeping every id: an SQLite file into PostgreSQL (a run outgrowing one machine) "
                + "or back. FROM and TO are each an SQLite file or a postgresql:// URL (the password from PGPASSWORD or "
                + "a .pgpass file). Both are brought to this stepwise's schema version first; the target is written "
                + "in one transaction, so a copy that fails leaves it empty.",
                "Exit 0 when copied; 2 when FROM does not exist, TO already holds rows, or both are the same; 3 when a "
                + "database cannot be reached."})
    static final class Copy implements Runnable {
        private final Invocation invocation;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FROM", description = "the store to copy: an SQLite file or a postgresql:// URL")
        String from;

        @Parameters(index = "1", paramLabel = "TO", description = "the empty store to copy into (an SQLite file is created)")
        String to;

        Copy(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public void run() {
            Application app = invocation.app();
            StoreLocation source = app.storeLocation(from);
            StoreLocation target = app.storeLocation(to);
            if (source instanceof StoreLocation.SqliteFile f && !Files.exists(f.path())) {
                throw UserError.input("db copy: no database at " + f.path());
            }
            Map<String, Long> copied;
            try (Store in = app.openStore(source); Store out = app.openStore(target)) {
                copied = StoreCopy.copy(in, out);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("copied %,d rows from %s to %s%n", copied.values().stream().mapToLong(Long::longValue).sum(),
                    source, target);
            int width = copied.keySet().stream().mapToInt(String::length).max().orElse(0);
            copied.forEach((table, rows) -> out.printf("  %-" + width + "s  %,12d%n", table, rows));
            out.flush();
        }
    }
}
