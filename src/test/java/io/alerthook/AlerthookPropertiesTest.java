package io.alerthook;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings as Spring Boot binds them: defaults with nothing set, and a value that cannot work refused by name. */
class AlerthookPropertiesTest {

    @Test
    void bindsTheDefaultsWithNothingSet() {
        AlerthookProperties properties = bind(Map.of());

        assertThat(properties.store()).isEqualTo(AlerthookProperties.StoreEngine.FILE);
        assertThat(properties.slack().maxAge()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.slack().sendInterval()).isEqualTo(1000);
        assertThat(properties.slack().retry().maxDelay()).isEqualTo(60000);
        assertThat(properties.healing().concurrentRuns()).isEqualTo(4);
        assertThat(properties.healing().workingDir()).isEqualTo(".");
        assertThat(properties.routes().reloadDirectory()).isEqualTo("routes");
        assertThat(properties.replicaId()).as("the host name").isNotBlank().doesNotContainAnyWhitespaces();
    }

    @Test
    void refusesAValueThatCannotWorkNamingTheSetting() {
        assertThatThrownBy(() -> bind(Map.of("alerthook.slack.queue-size", "0")))
                .hasRootCauseMessage("alerthook.slack.queue-size must be at least 1, not 0");
        assertThatThrownBy(() -> bind(Map.of("alerthook.slack.retry.delay", "5000", "alerthook.slack.retry.max-delay", "1000")))
                .hasRootCauseMessage("alerthook.slack.retry.max-delay must be at least 5000, not 1000");
        assertThatThrownBy(() -> bind(Map.of("alerthook.intake.max-body-bytes", "2GB")))
                .hasRootCauseMessage("alerthook.intake.max-body-bytes must be at most 1073741824, not 2147483648");
        assertThatThrownBy(() -> bind(Map.of("alerthook.store", "mysql"))).hasMessageContaining("alerthook.store");
        assertThatThrownBy(() -> bind(Map.of("alerthook.replica-id", "a b"))).hasRootCauseMessage(
                "alerthook.replica-id must be 1 to 253 letters, digits, '.', '_' or '-', not \"a b\"");
    }

    private static AlerthookProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("alerthook", AlerthookProperties.class);
    }
}
