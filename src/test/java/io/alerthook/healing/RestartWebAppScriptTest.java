package io.alerthook.healing;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped scripts/restart-web-app.sh, run as the playbook runs it: it restarts only an allowlisted instance. */
class RestartWebAppScriptTest {

    private HttpServer supervisor;
    private final AtomicInteger restarts = new AtomicInteger();

    @BeforeEach
    void startASupervisor() throws IOException {
        supervisor = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        supervisor.createContext("/restart", exchange -> {
            restarts.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        supervisor.start();
    }

    @AfterEach
    void stopTheSupervisor() {
        supervisor.stop(0);
    }

    @Test
    void restartsAnInstanceOnTheAllowlist() throws Exception {
        String instance = "127.0.0.1:" + appPort();

        Result result = run("web-app:8000, " + instance, "--instance=" + instance, "--job=web-app");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("restarting job 'web-app' on " + instance);
        assertThat(restarts.get()).isEqualTo(1);
    }

    @Test
    void refusesAnInstanceOffTheAllowlistWithoutCallingIt() throws Exception {
        for (String hostile : List.of("127.0.0.1:" + appPort(), "web-app:8000x", "*", "")) {
            Result result = run("web-app:8000", "--instance=" + hostile, "--job=web-app");

            assertThat(result.exitCode()).as(hostile).isEqualTo(3);
            assertThat(result.output()).isEqualTo("restart-web-app: refused: instance '" + hostile
                    + "' is not in RESTART_WEB_APP_INSTANCES (web-app:8000)\n");
        }
        assertThat(restarts.get()).isZero();
    }

    @Test
    void allowsOnlyTheDemosWebAppWhenNoAllowlistIsSet() throws Exception {
        Result result = run(null, "--instance=127.0.0.1:" + appPort(), "--job=web-app");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("is not in RESTART_WEB_APP_INSTANCES (web-app:8000)");
        assertThat(restarts.get()).isZero();
    }

    private int appPort() {
        return supervisor.getAddress().getPort() - 1;
    }

    private static Result run(String allowlist, String... arguments) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add("scripts/restart-web-app.sh");
        builder.command().addAll(List.of(arguments));
        builder.environment().remove("RESTART_WEB_APP_INSTANCES");
        if (allowlist != null) {
            builder.environment().put("RESTART_WEB_APP_INSTANCES", allowlist);
        }
        Process process = builder.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
