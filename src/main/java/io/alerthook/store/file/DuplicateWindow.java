package io.alerthook.store.file;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file engine's duplicate window: the keys of the notifications received within the last {@code window}, at most
 * {@code maxKeys} of them, in memory. A window, not a count, is what tells an HA peer's copy or a retry (seconds to
 * minutes later) from Alertmanager's deliberate repeat of an unchanged group (repeat_interval, hours later), which
 * must reach Slack again. The file store fills it from the journal when it opens, so a restart keeps it.
 */
final class DuplicateWindow {

    private final Duration window;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Instant> receivedAt = new LinkedHashMap<>();

    DuplicateWindow(Duration window, int maxKeys, Clock clock) {
        this.window = window;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** Remembers a key received at {@code at}, unless that is already outside the window. */
    synchronized void remember(String key, Instant at) {
        if (at.isAfter(clock.instant().minus(window))) {
            receivedAt.remove(key);
            receivedAt.put(key, at);
            forgetOld();
        }
    }

    /** True if the key was not kept within the window (it is now), false for a duplicate. */
    synchronized boolean keep(String key) {
        forgetOld();
        if (receivedAt.containsKey(key)) {
            return false;
        }
        receivedAt.put(key, clock.instant());
        forgetOld();
        return true;
    }

    synchronized void forget(String key) {
        receivedAt.remove(key);
    }

    /** Keys are in the order they were received: the oldest are at the head. */
    private void forgetOld() {
        Instant windowStart = clock.instant().minus(window);
        Iterator<Map.Entry<String, Instant>> oldest = receivedAt.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Instant> entry = oldest.next();
            if (receivedAt.size() <= maxKeys && entry.getValue().isAfter(windowStart)) {
                return;
            }
            oldest.remove();
        }
    }
}
