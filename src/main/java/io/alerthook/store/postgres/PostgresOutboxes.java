package io.alerthook.store.postgres;

import io.alerthook.store.OutboxMessage;
import io.alerthook.store.SlackThread;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/**
 * For {@link PostgresStore}: the Slack outboxes' rows in table {@code slack_outbox}, oldest first per destination, and the
 * incidents' threads in {@code slack_thread}.
 */
final class PostgresOutboxes {

    private static final String COLUMNS = "id, destination, coalescing_key, created, message, taken";

    private final JdbcTemplate jdbc;

    PostgresOutboxes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** In a transaction of the caller's: adds the message unless its outbox holds {@code limit} already (one statement). */
    boolean add(OutboxMessage message, int limit) {
        return jdbc.update("INSERT INTO slack_outbox (destination, coalescing_key, created, message) SELECT ?, ?, ?, ?"
                        + " WHERE (SELECT count(*) FROM (SELECT FROM slack_outbox WHERE destination = ? LIMIT ?) AS head) < ?",
                message.destination(), message.coalescingKey(), Timestamp.from(message.created()), message.message(),
                message.destination(), limit, limit) == 1;
    }

    /**
     * In a transaction of the caller's: the message takes the place of the one with its coalescing key that waits and no
     * sender has taken; returns that one as it was, or nothing if none waits (a sender taking it meanwhile wins).
     */
    Optional<OutboxMessage> replaceUntaken(OutboxMessage message) {
        if (message.coalescingKey() == null) {
            return Optional.empty();
        }
        return jdbc.query("WITH untaken AS (SELECT " + COLUMNS + " FROM slack_outbox"
                        + " WHERE destination = ? AND coalescing_key = ? AND taken = 0 ORDER BY id DESC LIMIT 1 FOR UPDATE)"
                        + " UPDATE slack_outbox SET created = ?, message = ? FROM untaken WHERE slack_outbox.id = untaken.id"
                        + " RETURNING untaken.id, untaken.destination, untaken.coalescing_key, untaken.created, untaken.message, untaken.taken",
                PostgresOutboxes::message, message.destination(), message.coalescingKey(), Timestamp.from(message.created()),
                message.message()).stream().findFirst();
    }

    Optional<OutboxMessage> head(String destination) {
        return jdbc.query("UPDATE slack_outbox SET taken = taken + 1"
                        + " WHERE id = (SELECT id FROM slack_outbox WHERE destination = ? ORDER BY id LIMIT 1) RETURNING " + COLUMNS,
                PostgresOutboxes::message, destination).stream().findFirst();
    }

    private static OutboxMessage message(ResultSet row, int number) throws SQLException {
        return new OutboxMessage(row.getLong("id"), row.getString("destination"), row.getString("coalescing_key"),
                row.getTimestamp("created").toInstant(), row.getString("message"), row.getInt("taken"));
    }

    boolean isSuperseded(OutboxMessage message) {
        return message.coalescingKey() != null && Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT FROM slack_outbox WHERE coalescing_key = ? AND id > ?)", Boolean.class, message.coalescingKey(), message.id()));
    }

    /** In a transaction of the caller's. */
    void remove(OutboxMessage message) {
        jdbc.update("DELETE FROM slack_outbox WHERE id = ?", message.id());
    }

    int waiting(String destination) {
        Integer waiting = jdbc.queryForObject("SELECT count(*) FROM slack_outbox WHERE destination = ?", Integer.class, destination);
        return waiting == null ? 0 : waiting;
    }

    /** In a transaction of the caller's. */
    void keep(SlackThread thread) {
        jdbc.update("INSERT INTO slack_thread (destination, group_key, channel, ts, resolved, state) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (destination, group_key) DO UPDATE SET channel = excluded.channel, ts = excluded.ts,"
                        + " resolved = excluded.resolved, state = excluded.state, changed = now()",
                thread.destination(), thread.groupKey(), thread.channel(), thread.ts(), thread.resolved(), thread.state());
    }

    Optional<SlackThread> thread(String destination, String groupKey) {
        return jdbc.query("SELECT channel, ts, resolved, state FROM slack_thread WHERE destination = ? AND group_key = ?",
                (row, number) -> new SlackThread(destination, groupKey, row.getString("channel"), row.getString("ts"),
                        row.getBoolean("resolved"), row.getString("state")), destination, groupKey).stream().findFirst();
    }

    /** Forgets the resolved threads last changed before the cutoff. */
    void forgetThreadsBefore(Timestamp cutoff) {
        jdbc.update("DELETE FROM slack_thread WHERE resolved AND changed < ?", cutoff);
    }
}
