package io.alerthook.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

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

    private static void assertValid(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + " said:\n" + output).isZero();
    }
}
