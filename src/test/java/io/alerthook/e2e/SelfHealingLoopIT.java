package io.alerthook.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.support.AuditFile;
import io.alerthook.support.SlackStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed tutorial's own test, closed into a loop, with the real peers: the demo web app, Prometheus and
 * Alertmanager from Debian's packages with the configuration in compose/, alerthook as the packaged jar, and
 * a loopback Slack stub. Crash the web app: "Application down" fires, reaches Slack, the shipped playbook
 * restarts the app, and the resolved message follows.
 */
class SelfHealingLoopIT {

    private static final String TOKEN = "e2e-token-1b7d";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path work;

    private static Processes processes;
    private static SlackStub slack;
    private static AuditFile audit;
    private static int webAppPort;
    private static int prometheusPort;

    @BeforeAll
    static void startTheStack() throws Exception {
        RequiredTools.require(List.of(
                List.of("prometheus", "--version"),
                List.of("prometheus-alertmanager", "--version"),
                List.of(RequiredTools.PYTHON, "-c", "import flask, prometheus_client")));
        Path jar = Path.of("target/alerthook.jar");
        assertThat(jar).as("the packaged jar (mvn verify builds it before this test)").exists();

        webAppPort = Processes.freePortPair();
        prometheusPort = Processes.freePort();
        int alertmanagerPort = Processes.freePort();
        int alerthookPort = Processes.freePort();
        Path rules = Files.writeString(work.resolve("rules.yml"), DemoStackConfig.rules());
        Path prometheusConfig = Files.writeString(work.resolve("prometheus.yml"),
                DemoStackConfig.prometheus(prometheusPort, alertmanagerPort, webAppPort, alerthookPort, rules));
        Path token = Files.writeString(work.resolve("alerthook-token"), TOKEN);
        Path alertmanagerConfig = Files.writeString(work.resolve("alertmanager.yml"),
                DemoStackConfig.alertmanager(alerthookPort, token));
        audit = new AuditFile(work.resolve("audit.jsonl"));
        slack = new SlackStub();
        processes = new Processes(work);

        processes.start("web-app", Map.of("HOST", "127.0.0.1", "PORT", String.valueOf(webAppPort)),
                RequiredTools.PYTHON, "compose/web-app/supervisor.py");
        processes.start("alerthook", Map.of(
                        "SERVER_PORT", String.valueOf(alerthookPort),
                        "ALERTHOOK_AUTH_BEARER_TOKEN", TOKEN,
                        "ALERTHOOK_SLACK_WEBHOOK_URL", slack.webhookUrl(),
                        "ALERTHOOK_AUDIT_FILE", audit.path().toString(),
                        // The shipped script restarts only allowlisted instances; here the web app is on loopback.
                        "ALERTHOOK_HEALING_INHERIT_ENV", "PATH,HOME,LANG,LC_ALL,TZ,RESTART_WEB_APP_INSTANCES",
                        "RESTART_WEB_APP_INSTANCES", "127.0.0.1:" + webAppPort),
                javaExecutable(), "-jar", jar.toString());
        processes.start("prometheus", Map.of(), "prometheus",
                "--config.file=" + prometheusConfig, "--storage.tsdb.path=" + work.resolve("prometheus-data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort);
        processes.start("alertmanager", Map.of(), "prometheus-alertmanager",
                "--config.file=" + alertmanagerConfig, "--storage.path=" + work.resolve("alertmanager-data"),
                "--web.listen-address=127.0.0.1:" + alertmanagerPort, "--cluster.listen-address=");

        awaitStep("alerthook healthy", () -> get("http://127.0.0.1:" + alerthookPort + "/actuator/health") == 200);
        awaitStep("Alertmanager ready", () -> get("http://127.0.0.1:" + alertmanagerPort + "/-/ready") == 200);
        awaitStep("Prometheus sees the web app up", () -> webAppUpInPrometheus() == 1);
    }

    @AfterAll
    static void stopTheStack() {
        if (processes != null) {
            processes.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    @Test
    void crashedWebAppIsReportedHealedAndResolved() throws Exception {
        assertThat(post("http://127.0.0.1:" + (webAppPort + 1) + "/crash")).isEqualTo(200);
        assertThat(get(webAppUrl())).isEqualTo(-1);

        awaitStep("a firing Slack message", () -> !slack.receivedWith("[FIRING:1] Application down").isEmpty());
        awaitStep("a heal run that exits 0", () -> audit.events().stream().anyMatch(event ->
                event.path("event").asText().equals("heal") && event.path("playbook").asText().equals("restart-web-app")
                        && event.path("outcome").asText().equals("succeeded") && event.path("exitCode").asInt(-1) == 0));
        awaitStep("the web app answering /up again", () -> get(webAppUrl()) == 200);
        awaitStep("a healed Slack message", () -> !slack.receivedWith(":white_check_mark: *healed*: `restart-web-app` exited 0").isEmpty());
        awaitStep("a resolved Slack message", () -> !slack.receivedWith("[RESOLVED] Application down").isEmpty());

        String firing = slack.receivedWith("[FIRING:1] Application down").get(0);
        assertThat(firing).contains("*Alert:* App is down on 127.0.0.1:" + webAppPort + " - `critical`")
                .contains("• *job:* `web-app`");
    }

    private static String webAppUrl() {
        return "http://127.0.0.1:" + webAppPort + "/up";
    }

    private static void awaitStep(String step, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await(step).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no " + step + " within 90 s; the processes said:\n" + processes.logs()
                    + "audit:\n" + audit.events() + "\nslack:\n" + slack.received(), e);
        }
    }

    private static int webAppUpInPrometheus() throws Exception {
        String query = URLEncoder.encode("up{job=\"web-app\"}", StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=" + query)).build());
        if (response == null || response.statusCode() != 200) {
            return -1;
        }
        JsonNode result = MAPPER.readTree(response.body()).at("/data/result");
        return result.isEmpty() ? -1 : result.get(0).at("/value/1").asInt();
    }

    private static int get(String url) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build());
        return response == null ? -1 : response.statusCode();
    }

    private static int post(String url) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build());
        return response == null ? -1 : response.statusCode();
    }

    /** The response, or null when nothing answers (yet). */
    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
