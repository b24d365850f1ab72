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

    /** One durable "received" record per alert; intake answers 200 only after this returns. */
    public void received(Notification notification) {
        log.append(notification.alertEvents().stream().map(alert -> AuditEvent.of("received", null, alert)).toList());
    }

    public void filtered(AlertEvent alert, String destination) {
        log.append(List.of(AuditEvent.of("filtered", null, alert).with("destination", destination)));
    }
}
