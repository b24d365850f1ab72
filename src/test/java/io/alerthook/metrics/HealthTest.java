package io.alerthook.metrics;

import io.alerthook.AlerthookApplication;
import io.alerthook.support.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Liveness, readiness, and an actuator that shows nothing else. */
class HealthTest {

    @Test
    void isNotReadyWhenTheAuditCannotBeWrittenAndExposesNoSecrets(@TempDir Path dir) throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        try (ConfigurableApplicationContext alerthook = new SpringApplicationBuilder(AlerthookApplication.class).run(
                "--server.port=0",
                "--alerthook.audit.file=" + audit,
                "--alerthook.routes.reload-directory=")) {
            Webhook webhook = new Webhook(alerthook.getEnvironment().getRequiredProperty("local.server.port", Integer.class), null);
            assertThat(webhook.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
            assertThat(webhook.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

            // The file deleted under alerthook: what it writes would go nowhere anyone can read.
            Files.delete(audit);

            assertThat(webhook.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(webhook.get("/actuator/health/liveness").statusCode()).as("a restart would not help").isEqualTo(200);
            for (String leaky : new String[] {"/actuator/env", "/actuator/configprops", "/actuator/beans", "/actuator/heapdump", "/actuator/mappings"}) {
                assertThat(webhook.get(leaky).statusCode()).as(leaky).isEqualTo(404);
            }
        }
    }
}
