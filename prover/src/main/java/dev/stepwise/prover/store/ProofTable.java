package dev.stepwise.prover.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Writes and reads the {@code proofs} row of an attempt. */
final class ProofTable {
    private ProofTable() {
    }

    static void insert(Connection c, long attemptId, ProofRecord proof) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO proofs (attempt_id, tactics_json, length, proof_text, "
                + "verdict, reasons_json, axioms_json, gate_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            GateVerdict v = proof.verdict();
            ps.setLong(1, attemptId);
            ps.setString(2, Columns.json(proof.tactics()));
            ps.setInt(3, proof.tactics().size());
            ps.setString(4, proof.proofText());
            ps.setString(5, v.verdict().code());
            ps.setString(6, Columns.json(v.reasons()));
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
                GateVerdict verdict = new GateVerdict(Columns.decode(Verdict.class, rs.getString("verdict")),
                        Columns.strings(rs.getString("reasons_json")), Columns.strings(rs.getString("axioms_json")),
                        Columns.millis(rs, "gate_ms"));
                return Optional.of(new ProofRecord(Columns.strings(rs.getString("tactics_json")),
                        rs.getString("proof_text"), verdict));
            }
        }
    }
}
