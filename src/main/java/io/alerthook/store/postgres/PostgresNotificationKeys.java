package io.alerthook.store.postgres;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The duplicate window in table {@code notification_key}, for {@link PostgresStore}: a notification's key is kept for
 * the window by an atomic {@code INSERT ... ON CONFLICT} (one for the keys of all notifications accepted together),
 * timed by the database's clock, so any number of alerthooks share it.
 */
final class PostgresNotificationKeys {

    /**
     * Inserts each key, or takes it over once its window has passed, and returns those; no row changes for a duplicate.
     * In the keys' order, so that alerthooks keeping some of the same keys at once lock them in the same order.
     */
    private static final String KEEP = "INSERT INTO notification_key (duplicate_key, accepted_at)"
            + " SELECT key, now() FROM unnest(?::text[]) AS key ORDER BY key"
            + " ON CONFLICT (duplicate_key) DO UPDATE SET accepted_at = excluded.accepted_at"
            + " WHERE notification_key.accepted_at <= now() - make_interval(secs => ?)"
            + " RETURNING duplicate_key";

    private final JdbcTemplate jdbc;
    private final Duration window;

    PostgresNotificationKeys(JdbcTemplate jdbc, Duration window) {
        this.jdbc = jdbc;
        this.window = window;
    }

    /** In a transaction of the caller's: the keys (all different) that are new within the window, kept from now on. */
    Set<String> keep(Collection<String> duplicateKeys) {
        return new HashSet<>(jdbc.queryForList(KEEP, String.class, duplicateKeys.toArray(String[]::new), PostgresStore.seconds(window)));
    }

    void forget(String duplicateKey) {
        jdbc.update("DELETE FROM notification_key WHERE duplicate_key = ?", duplicateKey);
    }

    /** Forgets the keys whose window has passed. */
    void forgetLapsed() {
        jdbc.update("DELETE FROM notification_key WHERE accepted_at < now() - make_interval(secs => ?)", PostgresStore.seconds(window));
    }
}
