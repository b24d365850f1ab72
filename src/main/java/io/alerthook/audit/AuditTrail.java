package io.alerthook.audit;

import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.Notification;

import java.util.List;

/** The audit records of the flow itself: what was received, and what a destination filtered out. */
public final class AuditTrail {

    private final AuditLog log;

    public AuditTrail(AuditLog log) {
        this.log = log;
    }

    /**
     * One durable "received" record per alert; intake answers 200 only after this returns. Each holds the whole
     * alert and its group, so that what was pending when alerthook died can be taken up again (see Recovery).
     */
    public void received(Notification notification) {
        String key = notification.duplicateKey();
        log.append(notification.alertEvents().stream()
                .map(alert -> AuditEvent.of("received", null, alert)
                        .with("duplicateKey", key)
                        .with("alert", alert.alert())
                        .with("group", alert.group()))
                .toList());
    }

    /** A notification already received within the duplicate window: on record, and nothing more done about it. */
    public void duplicate(Notification notification) {
        String key = notification.duplicateKey();
        log.append(notification.alertEvents().stream()
                .map(alert -> AuditEvent.of("received", "duplicate", alert).with("duplicateKey", key))
                .toList());
    }

    public void record(AuditEvent event) {
        log.append(List.of(event));
    }

    public void filtered(AlertEvent alert, String destination) {
        log.append(List.of(AuditEvent.of("filtered", null, alert).with("destination", destination)));
    }
}
