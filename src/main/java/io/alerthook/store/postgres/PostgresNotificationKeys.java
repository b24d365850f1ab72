package io.alerthook.store.postgres;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

/**
 * The duplicate window in table {@code notification_key}, for {@link PostgresStore}: a notification's key is kept for
 * the window by one atomic {@code INSERT ... ON CONFLICT}, timed by the database's clock, so any number of alerthooks
 * share it.
 */
final class PostgresNotificationKeys {

    /** Inserts the key, or takes it over once its window has passed; no row changes for a duplicate. */
    private static final String KEEP = "INSERT INTO notification_key (duplicate_key, accepted_at) VALUES (?, now())"
            + " ON CONFLICT (duplicate_key) DO UPDATE SET accepted_at = excluded.accepted_at"
            + " WHERE notification_key.accepted_at <= now() - make_interval(secs => ?)";

    private final JdbcTemplate jdbc;
    private final Duration window;

    PostgresNotificationKeys(JdbcTemplate jdbc, Duration window) {
        this.jdbc = jdbc;
        this.window = window;
    }

    /** In a transaction of the caller's: whether the key is new within the window (kept from now on). */
    boolean keep(String duplicateKey) {
        return jdbc.update(KEEP, duplicateKey, PostgresStore.seconds(window)) == 1;
    }

    void forget(String duplicateKey) {
        jdbc.update("DELETE FROM notification_key WHERE duplicate_key = ?", duplicateKey);
    }

    /** Forgets the keys whose window has passed. */
    void forgetLapsed() {
        jdbc.update("DELETE FROM notification_key WHERE accepted_at < now() - make_interval(secs => ?)", PostgresStore.seconds(window));
    }
}
