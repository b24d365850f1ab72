package io.alerthook.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.alerthook.audit.AuditEvent;
import io.alerthook.store.OutboxMessage;

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
import java.util.function.Function;

/**
 * The file store's Slack outboxes: in memory, each in the order its messages came, and taken back from the journal when
 * the store opens. A message goes to the journal whole on the first of its {@code queued} records
 * ({@value #OUTBOX_MESSAGE}), or replaces the one with the same id there; the first record of its outcome takes it out
 * ({@value #OUTBOX_ID}).
 */
final class FileOutboxes {

    static final String OUTBOX_MESSAGE = "outboxMessage";
    static final String OUTBOX_ID = "outboxId";

    /** By destination, the ids of the messages waiting, oldest first. */
    private final Map<String, Deque<Long>> outboxes = new HashMap<>();
    private final Map<Long, OutboxMessage> messages = new HashMap<>();
    /** The id of the newest message waiting, per coalescing key. */
    private final Map<String, Long> newest = new HashMap<>();
    /** While the store opens: the messages the journal put in and has not yet taken out, in the order they came. */
    private final Map<Long, OutboxMessage> takenBack = new LinkedHashMap<>();
    private long lastMessageId;

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
     * Puts the message in its outbox (see {@link io.alerthook.store.Store#enqueue}): in the place of the message of its
     * coalescing key that waits untaken, if one does, else at the end unless that holds {@code limit} already. First
     * hands {@code write} the records, so that the journal has them in the same order: the replaced message's
     * {@code coalesced} ones, then the {@code queued} ones, the first of which carries the message (under the id of
     * the one it replaced: read again, it takes that one's place).
     */
    synchronized boolean enqueue(OutboxMessage message, int limit, List<AuditEvent> queued,
                                 Function<OutboxMessage, List<AuditEvent>> coalesced, Consumer<List<AuditEvent>> write) {
        Optional<OutboxMessage> replaced = untaken(message.coalescingKey());
        if (replaced.isEmpty() && waiting(message.destination()) >= limit) {
            return false;
        }
        OutboxMessage kept = message.withId(replaced.map(OutboxMessage::id).orElse(lastMessageId + 1));
        List<AuditEvent> records = new ArrayList<>(replaced.map(coalesced).orElse(List.of()));
        records.add(queued.get(0).with(OUTBOX_MESSAGE, written(kept)));
        records.addAll(queued.subList(1, queued.size()));
        write.accept(records);
        if (replaced.isPresent()) {
            messages.put(kept.id(), kept);
        } else {
            lastMessageId = kept.id();
            waits(kept);
        }
        return true;
    }

    synchronized Optional<OutboxMessage> head(String destination) {
        Deque<Long> outbox = outboxes.get(destination);
        if (outbox == null || outbox.isEmpty()) {
            return Optional.empty();
        }
        OutboxMessage head = messages.get(outbox.peekFirst()).takenOnceMore();
        messages.put(head.id(), head);
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
        Deque<Long> outbox = outboxes.get(message.destination());
        if (outbox != null && outbox.remove(message.id())) {
            messages.remove(message.id());
        }
        if (message.coalescingKey() != null) {
            newest.remove(message.coalescingKey(), message.id());
        }
    }

    synchronized int waiting(String destination) {
        Deque<Long> outbox = outboxes.get(destination);
        return outbox == null ? 0 : outbox.size();
    }

    /** The newest message of the key, if no sender has taken it yet. */
    private Optional<OutboxMessage> untaken(String coalescingKey) {
        return Optional.ofNullable(coalescingKey == null ? null : newest.get(coalescingKey))
                .map(messages::get)
                .filter(message -> message.taken() == 0);
    }

    private void waits(OutboxMessage message) {
        outboxes.computeIfAbsent(message.destination(), destination -> new ArrayDeque<>()).addLast(message.id());
        messages.put(message.id(), message);
        if (message.coalescingKey() != null) {
            newest.put(message.coalescingKey(), message.id());
        }
    }

    /** The message as its record carries it: the message itself as the JSON it is, not as a string. */
    private static Map<String, Object> written(OutboxMessage message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", message.id());
        fields.put("destination", message.destination());
        fields.put("coalescingKey", message.coalescingKey());
        fields.put("created", message.created().toString());
        fields.put("message", new RawValue(message.message()));
        return fields;
    }
}
