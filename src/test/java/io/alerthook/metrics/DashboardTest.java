package io.alerthook.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Grafana dashboard of the compose stack draws only metrics alerthook has, from the provisioned data source. */
class DashboardTest {

    private static final Path DASHBOARD = Path.of("compose/grafana/dashboards/alerthook.json");
    private static final Pattern METRIC = Pattern.compile("\\b(alerthook_[a-z_]+?)(_bucket|_sum|_count)?\\b");

    @Test
    void everyPanelQueriesTheProvisionedPrometheusForADocumentedMetric() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        String readme = Files.readString(Path.of("README.md"));
        String datasources = Files.readString(Path.of("compose/grafana/provisioning/datasources/prometheus.yml"));

        Set<String> used = new TreeSet<>();
        assertThat(dashboard.get("panels")).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.at("/datasource/uid").asText()).isEqualTo("prometheus");
            assertThat(panel.get("targets")).isNotEmpty().allSatisfy(target -> {
                Matcher metric = METRIC.matcher(target.get("expr").asText());
                while (metric.find()) {
                    used.add(metric.group(1));
                }
            });
        });

        assertThat(datasources).contains("uid: prometheus").contains("url: http://prometheus:9090");
        assertThat(used).hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(metric -> assertThat(readme).as(metric + " in the README's metrics table").contains("| `" + metric + "` |"));
    }

    /** A counter or timer exists only from its first event: on a fresh stack those panels show 0, not "No data". */
    @Test
    void aFreshStackShowsZeroesNotNoData() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());

        assertThat(dashboard.get("panels")).filteredOn(panel -> !panel.at("/targets/0/expr").asText().startsWith("up{"))
                .hasSizeGreaterThanOrEqualTo(10).allSatisfy(panel -> assertThat(panel.at("/fieldConfig/defaults/noValue").asText())
                        .as(panel.get("title").asText()).isEqualTo("0"));
    }
}
