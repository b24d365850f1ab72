package io.alerthook.intake;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The idempotent repository of intake's {@code idempotentConsumer}: the duplicate keys of the notifications received
 * within the last {@code window}, at most {@code maxKeys} of them. Camel's memory repository forgets by count only;
 * a window is what tells an HA peer's copy or a retry (seconds to minutes later) from Alertmanager's deliberate
 * repeat of an unchanged group (repeat_interval, hours later), which must reach Slack again.
 * <p>
 * It lives in memory and is filled again at startup from the audit journal (see Recovery), so a restart does not
 * open the window to duplicates.
 */
public final class DuplicateNotifications extends ServiceSupport implements IdempotentRepository {

    private final Duration window;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Instant> receivedAt = new LinkedHashMap<>();

    public DuplicateNotifications(Duration window, int maxKeys, Clock clock) {
        this.window = window;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** Remembers a key received at {@code at}, unless that is already outside the window. */
    public synchronized void remember(String key, Instant at) {
        if (at.isAfter(clock.instant().minus(window))) {
            receivedAt.remove(key);
            receivedAt.put(key, at);
            forgetOld();
        }
    }

    @Override
    public synchronized boolean add(String key) {
        forgetOld();
        if (receivedAt.containsKey(key)) {
            return false;
        }
        receivedAt.put(key, clock.instant());
        forgetOld();
        return true;
    }

    @Override
    public synchronized boolean contains(String key) {
        forgetOld();
        return receivedAt.containsKey(key);
    }

    @Override
    public synchronized boolean remove(String key) {
        return receivedAt.remove(key) != null;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public synchronized void clear() {
        receivedAt.clear();
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
