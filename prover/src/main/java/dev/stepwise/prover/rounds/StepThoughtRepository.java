package dev.stepwise.prover.rounds;

import dev.stepwise.prover.store.Database;
import dev.stepwise.prover.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cache of retrospective thoughts ({@code step_thoughts}): what a model wrote for a proof
 * step, by the step's state and tactic. The first thought stored for a step stays.
 */
public final class StepThoughtRepository {
    private final Database db;

    /** A step and the thought written for it ("" when the model gave none). */
    public record StepThought(String state, String tactic, String thought, String model) {
        public StepThought {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(tactic, "tactic");
            Objects.requireNonNull(thought, "thought");
            Objects.requireNonNull(model, "model");
        }
    }

    public StepThoughtRepository(Store store) {
        this.db = store.database();
    }

    /** The stored thought of this step, if any. */
    public Optional<String> find(String state, String tactic) {
        String key = key(state, tactic);
        return db.read("read the thought of a proof step", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT thought FROM step_thoughts WHERE key_sha256 = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Stores thoughts for steps that have none yet; a step already stored keeps its first thought. */
    public void addAll(List<StepThought> thoughts, Instant now) {
        Map<String, StepThought> byKey = new LinkedHashMap<>();
        for (StepThought t : thoughts) {
            byKey.putIfAbsent(key(t.state(), t.tactic()), t);
        }
        db.write("store " + byKey.size() + " step thoughts", c -> {
            for (Map.Entry<String, StepThought> e : byKey.entrySet()) {
                boolean known;
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM step_thoughts WHERE key_sha256 = ?")) {
                    ps.setString(1, e.getKey());
                    try (ResultSet rs = ps.executeQuery()) {
                        known = rs.next();
                    }
                }
                if (known) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO step_thoughts (key_sha256, state, tactic, thought, "
                        + "model, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    StepThought t = e.getValue();
                    ps.setString(1, e.getKey());
                    ps.setString(2, t.state());
                    ps.setString(3, t.tactic());
                    ps.setString(4, t.thought());
                    ps.setString(5, t.model());
                    ps.setLong(6, now.toEpochMilli());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The key of a step: SHA-256 of its state and tactic, each length-prefixed so no text can pose as the other. */
    static String key(String state, String tactic) {
        String fields = state.length() + ":" + state + "\n" + tactic.length() + ":" + tactic + "\n";
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(fields.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
