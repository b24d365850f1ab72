package io.alerthook.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.alerthook.audit.AuditEvent;
import io.alerthook.store.AuditLog.Observer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** For {@link PostgresStore}: the audit records' rows in table {@code audit_event}, the record whole as jsonb beside the columns searched by. */
final class PostgresAuditWrites {

    /** The time as the record's ISO-8601 text, which PostgreSQL reads: Instant.parse was 1.5% of alerthook's CPU. */
    private static final String INSERT_EVENT = "INSERT INTO audit_event (time, event, outcome, fingerprint, alertname, notification, replica, record)"
            + " VALUES (?::timestamptz, ?, ?, ?, ?, ?, ?, ?::jsonb)";

    private final JdbcTemplate jdbc;
    private final ObjectWriter json;
    private final String replica;

    PostgresAuditWrites(JdbcTemplate jdbc, ObjectMapper mapper, String replica) {
        this.jdbc = jdbc;
        this.json = mapper.writer().with(new NulReplaced());
        this.replica = replica;
    }

    /**
     * PostgreSQL's text and jsonb cannot hold the NUL character, which an alert's labels and annotations may have (as
     * data): it is recorded as U+FFFD instead, so that such an alert is still accepted rather than refused for ever.
     */
    private static final class NulReplaced extends CharacterEscapes {

        private static final SerializableString REPLACEMENT = new SerializedString("\\ufffd");
        private final int[] escapes = standardAsciiEscapesForJSON();

        NulReplaced() {
            escapes[0] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int character) {
            return character == 0 ? REPLACEMENT : null;
        }
    }

    /** A column's text, as {@link NulReplaced} writes the record. */
    private static String text(String value) {
        return value == null ? null : value.replace('\0', '\ufffd');
    }

    /** Records as this replica's, and their rows: made by the caller's thread, inserted by whichever commits them. */
    record Rows(List<AuditEvent> events, List<Object[]> values) {

        /** These rows, then {@code next}'s. */
        Rows and(Rows next) {
            return new Rows(Stream.concat(events.stream(), next.events().stream()).toList(),
                    Stream.concat(values.stream(), next.values().stream()).toList());
        }
    }

    Rows rows(List<AuditEvent> recorded) {
        List<AuditEvent> events = recorded.stream().map(event -> event.by(replica)).toList();
        List<Object[]> values = new ArrayList<>(events.size());
        for (AuditEvent event : events) {
            values.add(new Object[] {event.time(), event.event().wire(),
                    event.outcome() == null ? null : event.outcome().wire(),
                    text(event.fingerprint()), text(event.alertname()), text(event.notification()), replica, json(event)});
        }
        return new Rows(events, values);
    }

    /** Inserts the rows, in order, in the current transaction. */
    void insert(List<Object[]> values) {
        jdbc.batchUpdate(INSERT_EVENT, values);
    }

    /** Inserts the records in the current transaction, as this replica's; the observer hears of them once it has committed. */
    List<AuditEvent> insert(List<AuditEvent> recorded, Observer observer) {
        long start = System.nanoTime();
        Rows rows = rows(recorded);
        insert(rows.values());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                observer.recorded(rows.events(), System.nanoTime() - start);
            }
        });
        return rows.events();
    }

    private String json(AuditEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an audit record cannot be written as JSON", e);
        }
    }
}
