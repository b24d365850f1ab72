package io.alerthook.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.PostgresCluster;
import io.alerthook.support.SlackStub;
import io.alerthook.support.SlackStub.Attempt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three packaged alerthooks on one PostgreSQL, fed by two real Alertmanagers from Debian that are not clustered (so both
 * send every notification), each pointed at another alerthook, with two Slack webhooks and playbooks that log every
 * run, one of which always fails. A storm of 1,000 alerts in 20 groups goes in through the Alertmanager API, in waves;
 * mid-storm, the alerthook that sends for both webhooks and runs a heal is killed with SIGKILL. Nothing is lost, every
 * heal decision runs once, the failing playbook calls for a human once, Slack keeps its pace, and the survivors show
 * what the dead one did.
 */
class ClusterIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int GROUPS = 20;
    private static final int PER_GROUP = 50;
    private static final int WAVES = 5;
    private static final int ALERTS = GROUPS * PER_GROUP;
    /** The dead alerthook's work passes to the others within this, plus a heartbeat. */
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @Test
    void aStormLosesNothingWhenTheAlerthookThatSendsAndHealsIsKilled(@TempDir Path work) throws Exception {
        RequiredTools.require(List.of(List.of("prometheus-alertmanager", "--version"), List.of("amtool", "--version")));
        String url = PostgresCluster.shared().createDatabase("cluster");
        JdbcTemplate database = new JdbcTemplate(new DriverManagerDataSource(url, PostgresCluster.USER, PostgresCluster.PASSWORD));
        Path runs = work.resolve("runs.log");
        Path playbooks = playbooks(work, runs);
        try (SlackStub slack = new SlackStub(); Processes processes = new Processes(work)) {
            int portA = Processes.freePort();
            int portB = Processes.freePort();
            int portC = Processes.freePort();
            // a starts first, so it holds both webhooks: it is the one to kill
            Process a = start(processes, work, "alerthook-a", portA, url, slack, playbooks);
            PackagedAlerthook.awaitHealthy(portA, processes);
            step("alerthook-a sending for both webhooks", processes, () ->
                    database.queryForObject("SELECT count(*) FROM sender_claim WHERE replica = 'alerthook-a'", Integer.class) == 2);
            start(processes, work, "alerthook-b", portB, url, slack, playbooks);
            start(processes, work, "alerthook-c", portC, url, slack, playbooks);
            PackagedAlerthook.awaitHealthy(portB, processes);
            PackagedAlerthook.awaitHealthy(portC, processes);
            // the first Alertmanager sends each group first, so its copies (and the heals) reach alerthook-a first
            int alertmanager1 = RealAlertmanager.start(processes, work, "alertmanager-1", portA, "1s");
            int alertmanager2 = RealAlertmanager.start(processes, work, "alertmanager-2", portB, "5s");

            String killedWhileRunning = null;
            List<ObjectNode> storm = storm();
            for (int wave = 0; wave < WAVES; wave++) {
                List<ObjectNode> alerts = wave(storm, wave);
                RealAlertmanager.postAlerts(alertmanager1, alerts);
                RealAlertmanager.postAlerts(alertmanager2, alerts);
                int received = (wave + 1) * ALERTS / WAVES;
                step("wave " + wave + " received", processes, () -> receivedAlerts(database) >= received);
                if (wave == 1) {
                    killedWhileRunning = killMidWork(database, a, processes);
                }
            }

            String running = killedWhileRunning;
            step("every alert received, on Slack and done with healing", processes, () -> receivedAlerts(database) == ALERTS
                    && settledAlerts(database, "slack", "'sent', 'resent', 'coalesced'") == ALERTS
                    && settledAlerts(database, "heal", "'no-playbook', 'succeeded', 'failed', 'skipped', 'interrupted', 'gave-up'") == ALERTS);
            step("every group's last state on Slack", processes, () -> groupsWhoseLastStateReachedSlack(slack) == GROUPS);

            Map<String, Long> logged = runs(runs, "logged");
            assertThat(logged).as("heal runs logged").isNotEmpty();
            assertThat(logged.values()).as("each heal decision ran once").allMatch(count -> count == 1);
            assertThat(runs(runs, "failing").values()).as("the failing playbook ran its 2 attempts").containsExactly(2L);
            assertThat(database.queryForObject("SELECT count(*) FROM audit_event WHERE event = 'heal' AND outcome = 'gave-up'", Integer.class))
                    .as("one call for a human").isEqualTo(1);
            assertThat(database.queryForList("SELECT replica FROM audit_event WHERE event = 'heal' AND outcome = 'interrupted'"
                    + " AND fingerprint = ?", String.class, running)).as("the run cut off, recorded by a survivor").singleElement()
                    .isIn("alerthook-b", "alerthook-c");
            assertThat(logged).as("and not run again").containsEntry(running, 1L);

            for (String webhook : List.of(SlackStub.webhookPath("a"), SlackStub.webhookPath("b"))) {
                List<Attempt> arrivals = slack.attemptsWith("").stream().filter(attempt -> attempt.path().equals(webhook)).toList();
                for (int n = 1; n < arrivals.size(); n++) {
                    assertThat(Duration.between(arrivals.get(n - 1).at(), arrivals.get(n).at())).as("arrivals at %s", webhook)
                            .isGreaterThanOrEqualTo(Duration.ofMillis(950));
                }
            }
            assertThat(database.queryForObject("SELECT count(DISTINCT (record->>'notification') || (record->>'slackDestination'))"
                    + " FROM audit_event WHERE event = 'slack' AND outcome = 'resent'", Integer.class)).as("messages resent").isLessThanOrEqualTo(1);

            JsonNode audit = MAPPER.readTree(get("http://127.0.0.1:" + portC + "/audit?fingerprint=" + running));
            assertThat(audit.get("events")).as("the dead alerthook's records, on a survivor").anyMatch(event ->
                    event.path("replica").asText().equals("alerthook-a") && event.path("outcome").asText().equals("started"));
            assertThat(RealAlertmanager.amtool(alertmanager2, "alert").size()).as("the storm, as Alertmanager holds it").isEqualTo(ALERTS);
        }
    }

    /**
     * Kills alerthook-a with SIGKILL once it runs a heal and has a Slack message in hand; returns the alert whose heal
     * it was running.
     */
    private static String killMidWork(JdbcTemplate database, Process a, Processes processes) throws InterruptedException {
        List<String> running = new ArrayList<>();
        step("alerthook-a running a heal with a Slack message in hand", processes, () -> {
            running.clear();
            running.addAll(database.queryForList("SELECT fingerprint FROM guard_state WHERE runner = 'alerthook-a'"
                    + " AND EXISTS (SELECT FROM slack_outbox WHERE taken > 0)", String.class));
            return !running.isEmpty();
        });
        a.destroyForcibly();
        assertThat(a.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return running.get(0);
    }

    /** 20 groups (one alertname each; the odd ones for team b's webhook) of 50 alerts, all starting at one time. */
    private static List<ObjectNode> storm() {
        String startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<ObjectNode> storm = new ArrayList<>();
        for (int instance = 0; instance < PER_GROUP; instance++) {
            for (int group = 0; group < GROUPS; group++) {
                ObjectNode alert = MAPPER.createObjectNode();
                alert.putObject("labels").put("alertname", String.format("Storm%02d", group)).put("instance", "i-" + instance)
                        .put("severity", "critical").put("team", group % 2 == 0 ? "a" : "b");
                alert.putObject("annotations").put("summary", "storm alert " + instance);
                alert.put("startsAt", startsAt);
                storm.add(alert);
            }
        }
        return storm;
    }

    /** The wave's alerts: a fifth of every group. */
    private static List<ObjectNode> wave(List<ObjectNode> storm, int wave) {
        int size = storm.size() / WAVES;
        return storm.subList(wave * size, (wave + 1) * size);
    }

    /**
     * Two playbooks over scripts that log each run: {@code logged} heals ten alerts of Storm00, two at a time for the
     * whole cluster, taking 2 s each; {@code failing} always fails, for one alert of Storm01, and gives up after 2
     * attempts.
     */
    private static Path playbooks(Path work, Path runs) throws IOException {
        Path logged = script(work, "logged.sh", "echo \"$2 $3\" >> \"$1\"\nsleep 2\n");
        Path failing = script(work, "failing.sh", "echo \"$2 $3\" >> \"$1\"\nexit 1\n");
        return Files.writeString(work.resolve("cluster-playbooks.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: playbook
                    routeId: playbook-logged
                    parameters:
                      - {name: name, value: logged}
                      - {name: alertname, value: Storm00}
                      - {name: matchers, value: 'instance=~"i-[0-9]"'}
                      - {name: command, value: %s}
                      - {name: args, value: "%s logged ${fingerprint}"}
                      - {name: concurrency, value: "2"}
                      - {name: cooldown, value: 1h}
                - templatedRoute:
                    routeTemplateRef: playbook
                    routeId: playbook-failing
                    parameters:
                      - {name: name, value: failing}
                      - {name: alertname, value: Storm01}
                      - {name: matchers, value: 'instance="i-0"'}
                      - {name: command, value: %s}
                      - {name: args, value: "%s failing ${fingerprint}"}
                      - {name: cooldown, value: 0s}
                      - {name: attempts, value: "2"}
                """.formatted(logged, runs, failing, runs));
    }

    private static Path script(Path work, String name, String body) throws IOException {
        Path script = Files.writeString(work.resolve(name), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static Process start(Processes processes, Path work, String replica, int port, String url, SlackStub slack,
                                 Path playbooks) throws IOException {
        return PackagedAlerthook.start(processes, replica, Map.ofEntries(
                Map.entry("SERVER_PORT", String.valueOf(port)),
                Map.entry("ALERTHOOK_REPLICA_ID", replica),
                Map.entry("ALERTHOOK_STORE", "postgres"),
                Map.entry("SPRING_DATASOURCE_URL", url),
                Map.entry("SPRING_DATASOURCE_USERNAME", PostgresCluster.USER),
                Map.entry("SPRING_DATASOURCE_PASSWORD", PostgresCluster.PASSWORD),
                Map.entry("ALERTHOOK_SLACK_WEBHOOK_URL", slack.webhookUrl("a")),
                Map.entry("ALERTHOOK_SLACK_DESTINATIONS_0_NAME", "team-b"),
                Map.entry("ALERTHOOK_SLACK_DESTINATIONS_0_MATCHERS", "team=\"b\""),
                Map.entry("ALERTHOOK_SLACK_DESTINATIONS_0_WEBHOOK_URL", slack.webhookUrl("b")),
                Map.entry("ALERTHOOK_LEASE_DURATION", String.valueOf(LEASE.toMillis())),
                Map.entry("ALERTHOOK_LEASE_HEARTBEAT", "500"),
                Map.entry("ALERTHOOK_AUDIT_FILE", work.resolve(replica + ".jsonl").toString()),
                Map.entry("ALERTHOOK_ROUTES_RELOAD_DIRECTORY", ""),
                Map.entry("CAMEL_MAIN_ROUTES_INCLUDE_PATTERN", "file:routes/*.camel.yaml,file:" + playbooks),
                Map.entry("JAVA_TOOL_OPTIONS", "-Xmx256m")));
    }


    private static int receivedAlerts(JdbcTemplate database) {
        return database.queryForObject("SELECT count(DISTINCT fingerprint) FROM audit_event WHERE event = 'received' AND outcome IS NULL",
                Integer.class);
    }

    /** Alerts with one of the outcomes for the event ({@code slack}: of their group's message, not a heal report). */
    private static int settledAlerts(JdbcTemplate database, String event, String outcomes) {
        return database.queryForObject("SELECT count(DISTINCT fingerprint) FROM audit_event WHERE event = ? AND outcome IN (" + outcomes + ")"
                + (event.equals("slack") ? " AND record->>'message' = 'alerts'" : ""), Integer.class, event);
    }

    /** Groups with a message on Slack that shows all their alerts firing. */
    private static long groupsWhoseLastStateReachedSlack(SlackStub slack) {
        return IntStream.range(0, GROUPS)
                .filter(group -> !slack.deliveredWith(String.format("[FIRING:%d] Storm%02d", PER_GROUP, group)).isEmpty()).count();
    }

    /** How often each alert's run of the playbook is in the scripts' log. */
    private static Map<String, Long> runs(Path log, String playbook) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.startsWith(playbook + " "))
                .collect(Collectors.groupingBy(line -> line.substring(playbook.length() + 1), Collectors.counting()));
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static void step(String step, Processes processes, Callable<Boolean> condition) {
        RealAlertmanager.step(step, processes, PATIENCE, condition);
    }
}
