package dev.stepwise.prover.store.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ordered steps of the schema, versions 1..n without gaps. The standard set is read from
 * resources next to this class; tests inject their own to exercise upgrades.
 */
public final class Migrations {

    /**
     * Resource names of the standard migrations, oldest first. A jar cannot be listed reliably, so
     * a new migration is a new file here plus one line in this list.
     */
    private static final List<String> STANDARD = List.of(
            "V1__initial.sql",
            "V2__promotion_evidence.sql",
            "V3__statement_error.sql",
            "V4__edge_thought.sql",
            "V5__thoughts_stage.sql",
            "V6__problem_leases.sql",
            "V7__attempt_mode.sql",
            "V8__attempt_revisions.sql",
            "V9__conjectures.sql",
            "V10__edge_feedback.sql",
            "V11__sketch_holes.sql");

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    private final List<Migration> steps;

    private Migrations(List<Migration> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The migrations this build of Stepwise ships, in SQLite's dialect. */
    public static Migrations standard() {
        return standard(SqlDialect.SQLITE);
    }

    /**
     * The migrations this build ships, in {@code dialect}: a step's text of that dialect where it
     * has one, else the common text (a step written in the SQL both engines speak).
     */
    public static Migrations standard(SqlDialect dialect) {
        List<Migration> steps = new ArrayList<>();
        for (String resource : STANDARD) {
            String own = dialect.resourcePrefix() + resource;
            steps.add(Migrations.class.getResource(own) != null ? load(resource, own) : load(resource, resource));
        }
        return of(steps);
    }

    /** A set of migrations whose versions must be exactly 1, 2, … in order. */
    public static Migrations of(List<Migration> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a schema needs at least one migration");
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migration versions must be 1, 2, … without gaps; position "
                        + (i + 1) + " has version " + steps.get(i).version());
            }
        }
        return new Migrations(steps);
    }

    /** Reads {@code V<n>__<name>.sql} from the resources of this package. */
    static Migration load(String resource) {
        return load(resource, resource);
    }

    /** Reads the step named {@code fileName} from the resource at {@code resource}. */
    private static Migration load(String fileName, String resource) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("migration resource " + fileName + " is not named V<n>__<name>.sql");
        }
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration resource " + resource + " is missing from the build");
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), sql);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration resource " + resource, e);
        }
    }

    public List<Migration> steps() {
        return steps;
    }

    /** The schema version a database has once every step is applied. */
    public int latestVersion() {
        return steps.size();
    }
}
