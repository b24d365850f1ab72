package io.alerthook.recovery;

import io.alerthook.alert.AlertEvent;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.audit.AuditTrail;
import io.alerthook.store.Store;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes up, at startup, what the store's records show alerthook left undone when it stopped or died: alerts it had
 * acknowledged whose Slack message or healing never happened. They re-enter dispatch's routes
 * ({@code direct:dispatch-slack}, {@code direct:dispatch-healing}), whose filters decide as for a new notification; a heal run that was
 * cut off is recorded {@code interrupted} and not run again blindly; alerts received longer ago than
 * {@code resumeWithin} are only recorded as interrupted, since their news is stale.
 * <p>
 * The records are read while the application starts ({@link #scan}); the resuming waits until Camel runs
 * ({@link #resume}). With a store that several alerthooks share, each takes up at startup what it acknowledged
 * itself, and what one that died acknowledged is taken up by another ({@link #takeOver}, from the heartbeat).
 */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    /** Replayed beyond resume-within, so that what is older is recorded as interrupted rather than forgotten. */
    private static final Duration REPLAYED_BEYOND = Duration.ofDays(1);

    private final Store store;
    private final JournalScan scan;
    private final AuditTrail trail;
    private final Duration resumeWithin;
    private final Clock clock;
    private final String replica;
    private Collection<JournalScan.Unfinished> unfinished = List.of();

    /** {@code replica}: this alerthook's id, whose records it takes up at startup when the store is shared. */
    public Recovery(Store store, JournalScan scan, AuditTrail trail, Duration resumeWithin, Clock clock, String replica) {
        this.store = store;
        this.scan = scan;
        this.trail = trail;
        this.resumeWithin = resumeWithin;
        this.clock = clock;
        this.replica = replica;
    }

    public void scan() {
        unfinished = unfinishedOf(store.isShared() ? replica : null);
        if (!unfinished.isEmpty()) {
            LOG.warn("The store shows {} alerts left unfinished when alerthook last stopped; taking them up", unfinished.size());
        }
    }

    public void resume(CamelContext camel) {
        resume(unfinished, camel);
        unfinished = List.of();
    }

    /** Takes up what alerthook {@code lapsed}, no longer heard of, left unfinished. */
    public void takeOver(String lapsed, CamelContext camel) {
        Collection<JournalScan.Unfinished> left = unfinishedOf(lapsed);
        LOG.warn("Took over from alerthook {}, no longer heard of: {} alerts it acknowledged were left unfinished", lapsed, left.size());
        resume(left, camel);
    }

    private Collection<JournalScan.Unfinished> unfinishedOf(String receivedBy) {
        return scan.unfinished(store, clock.instant().minus(resumeWithin).minus(REPLAYED_BEYOND), receivedBy);
    }

    private void resume(Collection<JournalScan.Unfinished> unfinished, CamelContext camel) {
        Map<String, List<AlertEvent>> slackByNotification = new LinkedHashMap<>();
        List<AlertEvent> toHeal = new ArrayList<>();
        for (JournalScan.Unfinished alert : unfinished) {
            AlertEvent event = alert.alert();
            for (String playbook : alert.interruptedPlaybooks()) {
                trail.record(AuditEvent.of(Event.HEAL, Outcome.INTERRUPTED, event).with("playbook", playbook)
                        .with("reason", "alerthook stopped while the command ran; it is not run again"));
            }
            if (alert.receivedAt().isBefore(clock.instant().minus(resumeWithin))) {
                trail.record(AuditEvent.of(Event.RECOVERED, Outcome.INTERRUPTED, event)
                        .with("reason", "received " + alert.receivedAt() + ", longer ago than alerthook.audit.resume-within (" + resumeWithin + ")"));
                continue;
            }
            List<Event> resumed = new ArrayList<>();
            if (alert.slackPending()) {
                slackByNotification.computeIfAbsent(event.group().notification(), key -> new ArrayList<>()).add(event);
                resumed.add(Event.SLACK);
            }
            if (alert.healPending()) {
                toHeal.add(event);
                resumed.add(Event.HEAL);
            }
            if (!resumed.isEmpty()) {
                trail.record(AuditEvent.of(Event.RECOVERED, Outcome.RESUMED, event).with("resumed", resumed));
            }
        }
        if (slackByNotification.isEmpty() && toHeal.isEmpty()) {
            return;
        }
        // Through dispatch's own routes, so that its rules (the severity filters) decide, as for a new notification.
        try (ProducerTemplate producer = camel.createProducerTemplate()) {
            slackByNotification.values().forEach(alerts -> producer.sendBody("direct:dispatch-slack", alerts));
            if (!toHeal.isEmpty()) {
                producer.sendBody("direct:dispatch-healing", toHeal);
            }
        } catch (IOException e) {
            LOG.warn("Could not close the recovery's producer", e);
        }
    }
}
