package io.alerthook.logging;

import io.alerthook.alert.AlertEvent;
import org.apache.camel.Body;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.MDC;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Puts the alert being handled into the logging MDC ({@code alert.fingerprint}, {@code alert.name}), so every line
 * logged meanwhile says which alert it is about; with JSON logs (logging.structured.format.console) they are fields.
 * The routes call {@link #alert} or {@link #alerts} where an exchange starts handling alerts; the keys are removed
 * when the exchange ends, so a pooled thread does not lend them to the next one.
 */
public final class AlertLogContext extends EventNotifierSupport {

    static final String FINGERPRINT = "alert.fingerprint";
    static final String NAME = "alert.name";

    public void alert(@Body AlertEvent alert) {
        MDC.put(FINGERPRINT, alert.alert().fingerprint());
        MDC.put(NAME, alert.alert().alertname());
    }

    /** A message about several alerts, e.g. one Slack message for a group. */
    public void alerts(List<AlertEvent> alerts) {
        MDC.put(FINGERPRINT, alerts.stream().map(alert -> alert.alert().fingerprint()).collect(Collectors.joining(",")));
        MDC.put(NAME, alerts.stream().map(alert -> alert.alert().alertname()).distinct().collect(Collectors.joining(",")));
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        MDC.remove(FINGERPRINT);
        MDC.remove(NAME);
    }
}
