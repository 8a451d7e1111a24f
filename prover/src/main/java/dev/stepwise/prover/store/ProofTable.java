package dev.stepwise.prover.store;

import dev.stepwise.search.AcceptanceVerdict;
import dev.stepwise.search.SearchOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Writes and reads the {@code proofs} row of an attempt. */
final class ProofTable {
    private ProofTable() {
    }

    /** The proof text is the tactic script, one tactic a line, as it follows {@code := by}. */
    static void insert(Connection c, long attemptId, SearchOutcome.Proved proved) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO proofs (attempt_id, tactics_json, length, proof_text, "
                + "verdict, reasons_json, axioms_json, gate_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            AcceptanceVerdict.Accepted v = proved.acceptance();
            ps.setLong(1, attemptId);
            ps.setString(2, Columns.json(proved.proof().tactics()));
            ps.setInt(3, proved.proof().length());
            ps.setString(4, proved.proof().script());
            ps.setString(5, OutcomeCodes.ACCEPTED);
            ps.setString(6, Columns.json(v.notes()));
            ps.setString(7, Columns.json(v.axioms()));
            ps.setLong(8, v.checkTime().toMillis());
            ps.executeUpdate();
        }
    }

    static Optional<ProofRecord> load(Connection c, long attemptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tactics_json, proof_text, verdict, reasons_json, axioms_json, "
                + "gate_ms FROM proofs WHERE attempt_id = ?")) {
            ps.setLong(1, attemptId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String code = rs.getString("verdict");
                if (!code.equals(OutcomeCodes.ACCEPTED)) {
                    throw new StoreException("attempt " + attemptId + " has a proof with verdict '" + code
                            + "'; only accepted proofs are stored");
                }
                AcceptanceVerdict.Accepted verdict = new AcceptanceVerdict.Accepted(
                        Columns.strings(rs.getString("reasons_json")), Columns.strings(rs.getString("axioms_json")),
                        Columns.millis(rs, "gate_ms"));
                return Optional.of(new ProofRecord(Columns.strings(rs.getString("tactics_json")),
                        rs.getString("proof_text"), verdict));
            }
        }
    }
}
