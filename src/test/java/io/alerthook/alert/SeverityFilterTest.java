package io.alerthook.alert;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SeverityFilterTest {

    @Test
    void takesTheListedSeveritiesOnly() {
        SeverityFilter critical = new SeverityFilter(List.of("critical", " warning "));

        assertThat(critical.accepts(withLabels(Map.of("severity", "critical")))).isTrue();
        assertThat(critical.accepts(withLabels(Map.of("severity", "warning")))).isTrue();
        assertThat(critical.accepts(withLabels(Map.of("severity", "info")))).isFalse();
        assertThat(critical.accepts(withLabels(Map.of()))).isFalse();
    }

    @Test
    void takesAlertsWithoutSeverityWhenNoneIsListed() {
        assertThat(new SeverityFilter(List.of("none")).accepts(withLabels(Map.of()))).isTrue();
    }

    @Test
    void starTakesEverything() {
        assertThat(new SeverityFilter(List.of("*")).accepts(withLabels(Map.of("severity", "page-me-never")))).isTrue();
    }

    private static AlertEvent withLabels(Map<String, String> labels) {
        return new AlertEvent(new Alert("firing", labels, Map.of(), null, null, null, "f"),
                new AlertGroup("r", "g", "firing", null, Map.of(), Map.of(), 0, "n"));
    }
}
