package io.alerthook.store.postgres;

import io.alerthook.store.Outboxes.Claim;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;

/**
 * For {@link PostgresStore}: this replica's lease (table {@code replica_lease}, renewed by each heartbeat) and its
 * claims on Slack webhooks (table {@code sender_claim}), each held until a time that its renewals push on.
 */
final class PostgresLeases {

    /**
     * Takes the claim if it is free or its lease has passed, renews it if this replica holds it, and returns who held it
     * before, unless that one gave it up ({@link #release}); no row changes, and none is returned, otherwise.
     */
    private static final String CLAIM = "WITH before AS (SELECT replica, until FROM sender_claim WHERE sender = ?)"
            + " INSERT INTO sender_claim (sender, replica, until) VALUES (?, ?, now() + make_interval(secs => ?))"
            + " ON CONFLICT (sender) DO UPDATE SET replica = excluded.replica, until = excluded.until"
            + " WHERE sender_claim.replica = excluded.replica OR sender_claim.until < now()"
            + " RETURNING (SELECT replica FROM before WHERE until > '-infinity') AS previous";

    private final JdbcTemplate jdbc;
    private final String replica;

    PostgresLeases(JdbcTemplate jdbc, String replica) {
        this.jdbc = jdbc;
        this.replica = replica;
    }

    Claim claim(String sender, Duration lease) {
        List<String> previous = jdbc.query(CLAIM, (row, number) -> row.getString("previous"), sender, sender, replica, PostgresStore.seconds(lease));
        if (previous.isEmpty()) {
            return Claim.HELD_ELSEWHERE;
        }
        return previous.get(0) == null || previous.get(0).equals(replica) ? Claim.HELD : new Claim(true, previous.get(0));
    }

    /** In a transaction of the caller's: this replica's lease and claims, for {@code lease} from now. */
    void renew(Duration lease) {
        jdbc.update("INSERT INTO replica_lease (replica, until) VALUES (?, now() + make_interval(secs => ?))"
                + " ON CONFLICT (replica) DO UPDATE SET until = excluded.until", replica, PostgresStore.seconds(lease));
        jdbc.update("UPDATE sender_claim SET until = now() + make_interval(secs => ?) WHERE replica = ?", PostgresStore.seconds(lease), replica);
    }

    Duration senderWait(String sender) {
        List<Double> seconds = jdbc.queryForList("SELECT extract(epoch FROM greatest(not_before, now()) - now()) FROM sender_claim WHERE sender = ?",
                Double.class, sender);
        return seconds.isEmpty() || seconds.get(0) == null ? Duration.ZERO : Duration.ofNanos((long) (seconds.get(0) * 1e9));
    }

    /** Also for a sender that no one claims, such as a Slack app's {@code chat.update}, whose turns its channels' senders share. */
    void holdSender(String sender, Duration hold) {
        jdbc.update("INSERT INTO sender_claim (sender, replica, until, not_before) VALUES (?, ?, '-infinity', now() + make_interval(secs => ?))"
                        + " ON CONFLICT (sender) DO UPDATE SET not_before = greatest(sender_claim.not_before, excluded.not_before)",
                sender, replica, PostgresStore.seconds(hold));
    }

    /**
     * In a transaction of the caller's. A claim given up stays, with its lease gone ({@code -infinity}): the next holder
     * keeps the sender's pace ({@link #senderWait}) and is not told it took it from a dead replica.
     */
    void release() {
        jdbc.update("UPDATE sender_claim SET until = '-infinity' WHERE replica = ?", replica);
        jdbc.update("DELETE FROM replica_lease WHERE replica = ?", replica);
    }

    /**
     * Deletes the leases that have passed, of replicas with no run left to end (the heartbeat ends them first), each
     * returned to the one replica whose statement deleted it.
     */
    List<String> takeOverLapsed() {
        return jdbc.queryForList("DELETE FROM replica_lease WHERE until < now() AND replica <> ?"
                + " AND replica NOT IN (SELECT runner FROM guard_state WHERE runner IS NOT NULL) RETURNING replica", String.class, replica);
    }
}
