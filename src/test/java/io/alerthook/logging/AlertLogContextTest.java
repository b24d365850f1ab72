package io.alerthook.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.healing.HealingAudit;
import io.alerthook.support.Fixtures;
import io.alerthook.support.RunningAlerthook;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lines logged while an alert is handled carry its fingerprint and name in the MDC, which Spring Boot's structured
 * logging (logging.structured.format.console=ecs|logstash|gelf) writes as fields of each JSON line.
 */
class AlertLogContextTest extends RunningAlerthook {

    @Test
    void linesLoggedWhileHealingAnAlertCarryItsFingerprintAndName() {
        // The shipped playbook's script fails without the demo stack (nothing answers at web-app:8001), and that is
        // logged on the heal thread.
        Logger exec = (Logger) LoggerFactory.getLogger(HealingAudit.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        exec.addAppender(lines);
        try {
            ObjectNode notification = Fixtures.fresh(Fixtures.FIRING_SINGLE, "log-context");
            String fingerprint = Fixtures.fingerprint(notification, 0);

            assertThat(webhook().post(Fixtures.json(notification)).statusCode()).isEqualTo(200);

            ILoggingEvent line = await().atMost(Duration.ofSeconds(20)).until(() -> List.copyOf(lines.list).stream()
                    .filter(event -> fingerprint.equals(event.getMDCPropertyMap().get("alert.fingerprint")))
                    .findFirst().orElse(null), found -> found != null);
            assertThat(line.getMDCPropertyMap()).containsEntry("alert.name", "Application down");
            assertThat(line.getFormattedMessage()).startsWith("Heal failed: playbook restart-web-app exited ");
        } finally {
            exec.detachAppender(lines);
        }
    }
}
