package io.alerthook.store.postgres;

import io.alerthook.store.Approval;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** For {@link PostgresStore}: the playbook runs waiting for approval, in table {@code heal_approval}. */
final class PostgresApprovals {

    private static final RowMapper<Approval> APPROVAL = (row, number) -> new Approval(row.getString("playbook"),
            row.getString("fingerprint"), row.getTimestamp("deadline").toInstant(), row.getString("alert"));

    private final JdbcTemplate jdbc;

    PostgresApprovals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** In a transaction of the caller's. */
    boolean ask(Approval approval) {
        return jdbc.update("INSERT INTO heal_approval (playbook, fingerprint, deadline, alert) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                approval.playbook(), approval.fingerprint(), Timestamp.from(approval.deadline()), approval.alert()) == 1;
    }

    /** In a transaction of the caller's: the approval still asked, now decided. */
    Optional<Approval> decide(String playbook, String fingerprint, boolean granted) {
        String decided = granted
                ? "UPDATE heal_approval SET granted = true WHERE playbook = ? AND fingerprint = ? AND NOT granted RETURNING *"
                : "DELETE FROM heal_approval WHERE playbook = ? AND fingerprint = ? AND NOT granted RETURNING *";
        return jdbc.query(decided, APPROVAL, playbook, fingerprint).stream().findFirst();
    }

    boolean take(String playbook, String fingerprint) {
        return jdbc.update("DELETE FROM heal_approval WHERE playbook = ? AND fingerprint = ? AND granted", playbook, fingerprint) == 1;
    }

    List<Approval> lapsed() {
        return jdbc.query("SELECT * FROM heal_approval WHERE NOT granted AND deadline < now() ORDER BY deadline", APPROVAL);
    }
}
