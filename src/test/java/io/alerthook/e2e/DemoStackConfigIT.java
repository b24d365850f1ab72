package io.alerthook.e2e;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo stack's configuration, checked by the validators of the tools that read it. */
class DemoStackConfigIT {

    @Test
    void prometheusConfigAndRulesAreValid() throws Exception {
        RequiredTools.require(List.of(List.of("promtool", "--version")));

        assertValid("promtool", "check", "config", "compose/prometheus/prometheus.yml");
        assertValid("promtool", "check", "config", "compose/prometheus/prometheus-ha.yml");
        assertValid("promtool", "check", "rules", "compose/prometheus/rules.yml", "compose/prometheus/alerthook-rules.yml");
    }

    @Test
    void alerthooksOwnAlertsFireWhenTheyShould() throws Exception {
        RequiredTools.require(List.of(List.of("promtool", "--version")));

        assertValid("promtool", "test", "rules", "compose/prometheus/alerthook-rules.test.yml");
    }

    @Test
    void alertmanagerConfigIsValid() throws Exception {
        RequiredTools.require(List.of(List.of("amtool", "--version")));

        assertValid("amtool", "check-config", "compose/alertmanager/alertmanager.yml");
        assertValid("amtool", "check-config", "compose/alertmanager/alertmanager-ha.yml");
    }

    @Test
    void composeFileIsValidWithTheExampleEnvironment() throws Exception {
        RequiredTools.require(List.of(List.of("docker-compose", "--version")));

        assertValid("docker-compose", "--file", "compose/docker-compose.yml", "--env-file", "compose/.env.example", "config", "--quiet");
        assertValid("docker-compose", "--file", "compose/docker-compose.yml", "--env-file", "compose/.env.example", "--profile", "ha",
                "config", "--quiet");
    }

    /** docker compose --profile ha: PostgreSQL, two alerthooks on it, each named, and two Alertmanagers that peer. */
    @Test
    @SuppressWarnings("unchecked")
    void theHighAvailabilityProfileRunsTwoAlerthooksOnPostgresAndAnAlertmanagerPair() throws Exception {
        RequiredTools.require(List.of(List.of("docker-compose", "--version")));
        Process config = new ProcessBuilder("docker-compose", "--file", "compose/docker-compose.yml", "--env-file", "compose/.env.example",
                "--profile", "ha", "config").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<String, Object> compose = new Yaml().load(new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertThat(config.waitFor()).isZero();
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        assertThat(services).containsKeys("postgres", "alerthook-a", "alerthook-b", "alertmanager-a", "alertmanager-b");
        assertThat(services.values().stream().filter(service -> service.containsKey("image")).map(service -> (String) service.get("image")))
                .as("pinned images").isNotEmpty().allSatisfy(image -> assertThat(image).matches("[^:]+:[0-9v][^:]*"));
        for (String replica : List.of("alerthook-a", "alerthook-b")) {
            Map<String, String> environment = (Map<String, String>) services.get(replica).get("environment");
            assertThat(environment).containsEntry("ALERTHOOK_REPLICA_ID", replica).containsEntry("ALERTHOOK_STORE", "postgres")
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/alerthook");
        }
        assertThat(((Map<String, String>) services.get("alertmanager-a").get("environment")).get("PEER")).isEqualTo("alertmanager-b:9094");
        assertThat(((Map<String, String>) services.get("alertmanager-b").get("environment")).get("PEER")).isEqualTo("alertmanager-a:9094");
        assertThat(Files.readString(DemoStackConfig.COMPOSE.resolve("alertmanager/alertmanager-ha.yml")))
                .as("the pair sends to the name both alerthooks answer to").contains("http://alerthook-ha:8080/hooks/alertmanager");
    }

    /** Alertmanager's API has no authentication, and an alert's labels steer the playbooks: nothing leaves loopback. */
    @Test
    @SuppressWarnings("unchecked")
    void publishesEveryPortOnTheHostsLoopbackOnly() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DemoStackConfig.COMPOSE.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        List<String> published = services.values().stream()
                .flatMap(service -> ((List<String>) service.getOrDefault("ports", List.of())).stream()).toList();
        assertThat(published).hasSizeGreaterThanOrEqualTo(6).allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
    }

    private static void assertValid(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + " said:\n" + output).isZero();
    }
}
