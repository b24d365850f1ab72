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
    }

    @Test
    void composeFileIsValidWithTheExampleEnvironment() throws Exception {
        RequiredTools.require(List.of(List.of("docker-compose", "--version")));

        assertValid("docker-compose", "--file", "compose/docker-compose.yml", "--env-file", "compose/.env.example", "config", "--quiet");
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
