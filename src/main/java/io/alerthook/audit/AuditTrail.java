package io.alerthook.audit;

import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.Notification;
import io.alerthook.store.AuditLog;

import java.util.List;

/** The audit records of the flow itself: what was received, and what a destination filtered out. */
public final class AuditTrail {

    private final AuditLog store;

    public AuditTrail(AuditLog store) {
        this.store = store;
    }

    /**
     * Accepts a notification unless it is a duplicate: one durable "received" record per alert, each with the whole
     * alert and its group so that what was pending when alerthook died can be taken up again (see Recovery); intake
     * answers 200 only after this returns. The same notification again within the duplicate window (an HA peer's copy,
     * a retry) is recorded "received"/"duplicate" instead, and this returns false: nothing more is done about it.
     */
    public boolean accept(Notification notification) {
        String key = notification.duplicateKey();
        List<AuditEvent> received = notification.alertEvents().stream()
                .map(alert -> AuditEvent.of(Event.RECEIVED, null, alert)
                        .with("duplicateKey", key)
                        .with("alert", alert.alert())
                        .with("group", alert.group()))
                .toList();
        List<AuditEvent> duplicate = notification.alertEvents().stream()
                .map(alert -> AuditEvent.of(Event.RECEIVED, Outcome.DUPLICATE, alert).with("duplicateKey", key))
                .toList();
        return store.accept(key, received, duplicate);
    }

    /** The accepted notification could not be handed on (503): Alertmanager's retry must not be taken for a duplicate. */
    public void withdraw(Notification notification) {
        store.forgetNotification(notification.duplicateKey());
    }

    public void record(AuditEvent event) {
        store.record(List.of(event));
    }

    /**
     * A destination's severity filter left the alert out: {@code destination} is {@link Event#SLACK} or {@link Event#HEAL}.
     * Durable soon after ({@link AuditLog#recordLater}): dispatch does not wait for a disk or a commit per filtered alert.
     */
    public void filtered(AlertEvent alert, Event destination) {
        store.recordLater(List.of(AuditEvent.of(Event.FILTERED, null, alert).with("destination", destination)));
    }
}
