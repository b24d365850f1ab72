package io.alerthook.store.postgres;

import io.alerthook.store.GuardState;
import io.alerthook.store.Guards.GuardChange;
import io.alerthook.store.Guards.Run;
import io.alerthook.store.Replicas.CutOffRun;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The healing guard's rows in table {@code guard_state}, one per playbook and alert, for {@link PostgresStore}: each
 * change in the caller's transaction, the row locked for it; which replica runs a run, and the runs ended for a
 * replica that stopped or died.
 */
final class PostgresGuards {

    /**
     * The row of a playbook and alert, made if missing, locked until the transaction ends, in one statement: the no-op
     * update is what makes ON CONFLICT lock and return the row that is there.
     */
    private static final String LOCK = "INSERT INTO guard_state (playbook, fingerprint) VALUES (?, ?)"
            + " ON CONFLICT (playbook, fingerprint) DO UPDATE SET playbook = excluded.playbook"
            + " RETURNING running_since, last_ended, failures, now() AS now";
    private static final String READ = "SELECT running_since, last_ended, failures, now() AS now FROM guard_state"
            + " WHERE playbook = ? AND fingerprint = ?";
    /**
     * Ends the runs of replicas whose lease has passed, each once however many replicas ask at the same moment (the
     * rows are locked, and a row another has just ended no longer matches), returning who ran them.
     */
    private static final String END_RUNS_OF_THE_DEAD = "WITH lapsed AS (SELECT playbook, fingerprint, runner FROM guard_state"
            + " WHERE runner IN (SELECT replica FROM replica_lease WHERE until < now()) FOR UPDATE)"
            + " UPDATE guard_state SET last_ended = guard_state.running_since, running_since = NULL, runner = NULL,"
            + " cancel_requested = false FROM lapsed"
            + " WHERE guard_state.playbook = lapsed.playbook AND guard_state.fingerprint = lapsed.fingerprint"
            + " RETURNING guard_state.playbook, guard_state.fingerprint, lapsed.runner, guard_state.last_ended";

    /** The first key of the advisory locks that take one playbook's starts one at a time (the second is its name's hash). */
    private static final int PLAYBOOK_STARTS = 0x616c6572;

    private final JdbcTemplate jdbc;
    private final String replica;

    PostgresGuards(JdbcTemplate jdbc, String replica) {
        this.jdbc = jdbc;
        this.replica = replica;
    }

    /** In a transaction of the caller's. */
    GuardChange change(String playbook, String fingerprint, BiFunction<GuardState, Instant, GuardState> change) {
        GuardChange locked = lock(playbook, fingerprint);
        write(playbook, fingerprint, locked.before(), change.apply(locked.before(), locked.at()));
        return locked;
    }

    /**
     * One statement, in no transaction: the row as it is, without a lock, if a start would change nothing in it (it is
     * refused: the cooldown, mostly). A refusal then writes nothing; a start that would be made goes through
     * {@link #start}, which decides again under the row's lock.
     */
    Optional<GuardChange> refusedStart(String playbook, String fingerprint, BiFunction<GuardState, Instant, GuardState> start) {
        return jdbc.query(READ, (row, number) -> new GuardChange(guardState(row), row.getTimestamp("now").toInstant()), playbook, fingerprint)
                .stream().findFirst()
                .filter(current -> start.apply(current.before(), current.at()).equals(current.before()));
    }

    /**
     * In a transaction of the caller's. Only a start that would be made takes the playbook's advisory lock, until the
     * transaction ends, so that no two replicas count the same free place; a refused one (the cooldown, mostly) costs
     * no more than any other change.
     */
    GuardChange start(String playbook, String fingerprint, int concurrency, BiFunction<GuardState, Instant, GuardState> start) {
        GuardChange locked = lock(playbook, fingerprint);
        GuardState after = start.apply(locked.before(), locked.at());
        if (!after.equals(locked.before())) {
            jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(?))", (RowCallbackHandler) row -> {
            }, PLAYBOOK_STARTS, playbook);
            Integer running = jdbc.queryForObject("SELECT count(*) FROM guard_state WHERE playbook = ? AND fingerprint <> ?"
                    + " AND running_since IS NOT NULL", Integer.class, playbook, fingerprint);
            if (running != null && running >= concurrency) {
                write(playbook, fingerprint, locked.before(), locked.before());
                return new GuardChange(locked.before(), locked.at(), true);
            }
        }
        write(playbook, fingerprint, locked.before(), after);
        return locked;
    }

    private GuardChange lock(String playbook, String fingerprint) {
        return jdbc.queryForObject(LOCK, (row, number) -> new GuardChange(guardState(row), row.getTimestamp("now").toInstant()),
                playbook, fingerprint);
    }

    /** The row as {@code after} has it; gone when it holds nothing (the lock made it if it was missing). */
    private void write(String playbook, String fingerprint, GuardState before, GuardState after) {
        if (after.isEmpty()) {
            jdbc.update("DELETE FROM guard_state WHERE playbook = ? AND fingerprint = ?", playbook, fingerprint);
        } else if (!after.equals(before)) {
            jdbc.update(connection -> {
                // a cancel asked for lasts as long as the run
                var update = connection.prepareStatement("UPDATE guard_state SET running_since = ?, runner = ?, last_ended = ?,"
                        + " failures = ?, cancel_requested = cancel_requested AND running_since IS NOT NULL AND ?"
                        + " WHERE playbook = ? AND fingerprint = ?");
                update.setTimestamp(1, timestamp(after.runningSince()));
                update.setString(2, after.isRunning() ? replica : null);
                update.setTimestamp(3, timestamp(after.lastEnded()));
                update.setArray(4, connection.createArrayOf("timestamptz", after.failures().stream().map(Timestamp::from).toArray()));
                update.setBoolean(5, after.isRunning());
                update.setString(6, playbook);
                update.setString(7, fingerprint);
                return update;
            });
        }
    }

    /**
     * What this replica ran when it last stopped ran no more after: such a run counts as ended when it started. Runs of
     * other replicas sharing the database are theirs.
     */
    void endRunsCutOff() {
        jdbc.update("UPDATE guard_state SET last_ended = running_since, running_since = NULL, runner = NULL, cancel_requested = false"
                + " WHERE running_since IS NOT NULL AND runner = ?", replica);
    }

    List<CutOffRun> endRunsOfTheDead() {
        return jdbc.query(END_RUNS_OF_THE_DEAD, (row, number) -> new CutOffRun(row.getString("playbook"),
                row.getString("fingerprint"), row.getString("runner"), row.getTimestamp("last_ended").toInstant()));
    }

    boolean requestCancel(String playbook, String fingerprint) {
        return jdbc.update("UPDATE guard_state SET cancel_requested = true WHERE playbook = ? AND fingerprint = ? AND running_since IS NOT NULL",
                playbook, fingerprint) == 1;
    }

    List<Run> cancelRequests() {
        return jdbc.query("UPDATE guard_state SET cancel_requested = false WHERE runner = ? AND cancel_requested RETURNING playbook, fingerprint",
                (row, number) -> new Run(row.getString("playbook"), row.getString("fingerprint")), replica);
    }

    private static GuardState guardState(ResultSet row) throws SQLException {
        Array failures = row.getArray("failures");
        return new GuardState(instant(row.getTimestamp("running_since")), instant(row.getTimestamp("last_ended")),
                Arrays.stream((Object[]) failures.getArray()).map(failure -> ((Timestamp) failure).toInstant()).toList());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
