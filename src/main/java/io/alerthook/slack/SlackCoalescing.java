package io.alerthook.slack;

import org.apache.camel.Body;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * During a storm Alertmanager sends the same group again and again, each time with its whole current state. While
 * such messages wait in an outbox (Slack takes one a second), only the latest of a group needs to go out: an older one
 * that reaches the head of the queue while a newer one waits behind it is dropped as coalesced. Not Camel's
 * aggregator: that would hold every message for a completion timeout, while this delays none and merges only what
 * is already waiting.
 */
public final class SlackCoalescing {

    /** The newest message queued per coalescing key; an entry lives only while its message waits. */
    private final ConcurrentMap<String, SlackPost> newest = new ConcurrentHashMap<>();

    /** Before a message joins its outbox. */
    public void queued(@Body SlackPost post) {
        String key = post.coalescingKey();
        if (key != null) {
            newest.put(key, post);
        }
    }

    /** The message did not join its outbox after all (it was full): older ones of its group are no longer superseded. */
    public void notQueued(@Body SlackPost post) {
        String key = post.coalescingKey();
        if (key != null) {
            newest.remove(key, post);
        }
    }

    /** Whether a newer message of the same group waits; if not, this one is about to go and is no longer tracked. */
    public boolean isSuperseded(@Body SlackPost post) {
        String key = post.coalescingKey();
        if (key == null) {
            return false;
        }
        SlackPost latest = newest.get(key);
        if (latest != null && latest != post) {
            return true;
        }
        newest.remove(key, post);
        return false;
    }
}
