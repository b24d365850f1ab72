package io.alerthook.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.audit.AuditEvent;
import io.alerthook.store.SlackThread;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The file store's Slack threads: in memory, by destination and group, and taken back from the journal when the store
 * opens. A thread goes to the journal on the first record of the outcome that changed it ({@value #SLACK_THREAD}).
 */
final class FileThreads {

    static final String SLACK_THREAD = "slackThread";

    private record Kept(SlackThread thread, Instant changed) {
    }

    private final ObjectMapper mapper;
    private final Map<String, Kept> threads = new ConcurrentHashMap<>();

    FileThreads(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Optional<SlackThread> thread(String destination, String groupKey) {
        return Optional.ofNullable(threads.get(key(destination, groupKey))).map(Kept::thread);
    }

    /** The records, the first of them carrying the thread, so that the journal keeps it. */
    List<AuditEvent> carrying(SlackThread thread, List<AuditEvent> records) {
        List<AuditEvent> carrying = new ArrayList<>(records);
        carrying.set(0, carrying.get(0).with(SLACK_THREAD, written(thread)));
        return carrying;
    }

    void keep(SlackThread thread, Instant changed) {
        threads.put(key(thread.destination(), thread.groupKey()), new Kept(thread, changed));
    }

    /** While the store opens, each record of an outbox's message ({@link FileOutboxes#mayConcern}), in the journal's order. */
    void takeBack(JsonNode record, Instant at) {
        JsonNode fields = record.get(SLACK_THREAD);
        if (fields != null) {
            keep(new SlackThread(fields.path("destination").asText(), fields.path("groupKey").asText(), fields.path("channel").asText(),
                    fields.path("ts").asText(), fields.path("resolved").asBoolean(), fields.path("state").toString()), at);
        }
    }

    /** Forgets the resolved threads last changed before the cutoff. */
    void forgetBefore(Instant cutoff) {
        threads.values().removeIf(kept -> kept.thread().resolved() && kept.changed().isBefore(cutoff));
    }

    private Map<String, Object> written(SlackThread thread) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("destination", thread.destination());
        fields.put("groupKey", thread.groupKey());
        fields.put("channel", thread.channel());
        fields.put("ts", thread.ts());
        fields.put("resolved", thread.resolved());
        try {
            fields.put("state", mapper.readTree(thread.state()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fields;
    }

    private static String key(String destination, String groupKey) {
        return destination + "\n" + groupKey;
    }
}
