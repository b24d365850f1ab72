package io.alerthook.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.audit.AuditEvent;
import io.alerthook.store.OutboxMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The file store's Slack outboxes: in memory, each in the order its messages came, and taken back from the journal when
 * the store opens. A message goes to the journal whole on the first of its {@code queued} records
 * ({@value #OUTBOX_MESSAGE}); the first record of its outcome takes it out ({@value #OUTBOX_ID}).
 */
final class FileOutboxes {

    static final String OUTBOX_MESSAGE = "outboxMessage";
    static final String OUTBOX_ID = "outboxId";

    private final ObjectMapper mapper;
    /** By destination, oldest message first. */
    private final Map<String, Deque<OutboxMessage>> outboxes = new HashMap<>();
    /** The id of the newest message waiting, per coalescing key. */
    private final Map<String, Long> newest = new HashMap<>();
    /** While the store opens: the messages the journal put in and has not yet taken out, in the order they came. */
    private final Map<Long, OutboxMessage> takenBack = new LinkedHashMap<>();
    private long lastMessageId;

    FileOutboxes(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Whether a journal line may put a message in or take one out: a text check, before the line is parsed. */
    static boolean mayConcern(String line) {
        return line.contains("\"" + OUTBOX_MESSAGE + "\"") || line.contains("\"" + OUTBOX_ID + "\"");
    }

    /** While the store opens, each record {@link #mayConcern} let through, in the journal's order. */
    void takeBack(JsonNode record) {
        if (record.has(OUTBOX_MESSAGE)) {
            JsonNode fields = record.get(OUTBOX_MESSAGE);
            OutboxMessage message = new OutboxMessage(fields.path("id").asLong(), fields.path("destination").asText(),
                    fields.path("coalescingKey").asText(null), Instant.parse(fields.path("created").asText()), fields.path("message").toString());
            takenBack.put(message.id(), message);
            lastMessageId = Math.max(lastMessageId, message.id());
        } else if (record.has(OUTBOX_ID)) {
            takenBack.remove(record.get(OUTBOX_ID).asLong());
        }
    }

    /** Once the journal is read: what it left in the outboxes waits again. */
    synchronized void opened() {
        takenBack.values().forEach(this::waits);
        takenBack.clear();
    }

    /**
     * Puts the message at the end of its outbox unless that holds {@code limit} already; first hands {@code write} the
     * {@code queued} records, the first of them carrying the message, so that the journal has them in the same order.
     */
    synchronized boolean enqueue(OutboxMessage message, int limit, List<AuditEvent> queued, Consumer<List<AuditEvent>> write) {
        if (waiting(message.destination()) >= limit) {
            return false;
        }
        OutboxMessage kept = message.withId(lastMessageId + 1);
        List<AuditEvent> records = new ArrayList<>(queued);
        records.set(0, records.get(0).with(OUTBOX_MESSAGE, written(kept)));
        write.accept(records);
        lastMessageId = kept.id();
        waits(kept);
        return true;
    }

    synchronized Optional<OutboxMessage> head(String destination) {
        Deque<OutboxMessage> outbox = outboxes.get(destination);
        if (outbox == null || outbox.isEmpty()) {
            return Optional.empty();
        }
        OutboxMessage head = outbox.removeFirst().takenOnceMore();
        outbox.addFirst(head);
        return Optional.of(head);
    }

    synchronized boolean isSuperseded(OutboxMessage message) {
        return message.coalescingKey() != null && newest.getOrDefault(message.coalescingKey(), 0L) > message.id();
    }

    /** The outcome records, the first of them taking the message out of its outbox when the journal is read again. */
    static List<AuditEvent> takingOut(OutboxMessage message, List<AuditEvent> outcome) {
        List<AuditEvent> records = new ArrayList<>(outcome);
        records.set(0, records.get(0).with(OUTBOX_ID, message.id()));
        return records;
    }

    synchronized void remove(OutboxMessage message) {
        Deque<OutboxMessage> outbox = outboxes.get(message.destination());
        if (outbox != null) {
            outbox.removeIf(waiting -> waiting.id() == message.id());
        }
        if (message.coalescingKey() != null) {
            newest.remove(message.coalescingKey(), message.id());
        }
    }

    synchronized int waiting(String destination) {
        Deque<OutboxMessage> outbox = outboxes.get(destination);
        return outbox == null ? 0 : outbox.size();
    }

    private void waits(OutboxMessage message) {
        outboxes.computeIfAbsent(message.destination(), destination -> new ArrayDeque<>()).addLast(message);
        if (message.coalescingKey() != null) {
            newest.put(message.coalescingKey(), message.id());
        }
    }

    private Map<String, Object> written(OutboxMessage message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", message.id());
        fields.put("destination", message.destination());
        fields.put("coalescingKey", message.coalescingKey());
        fields.put("created", message.created().toString());
        try {
            fields.put("message", mapper.readTree(message.message()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fields;
    }
}
