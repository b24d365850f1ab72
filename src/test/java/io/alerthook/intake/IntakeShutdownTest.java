package io.alerthook.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.AlerthookApplication;
import io.alerthook.support.Fixtures;
import io.alerthook.support.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stopping alerthook: new notifications are sent away with 503 while the one in flight is finished and acknowledged. */
class IntakeShutdownTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void answers503WhileDrainingAndFinishesTheNotificationInFlight(@TempDir Path dir) throws Exception {
        ConfigurableApplicationContext alerthook = new SpringApplicationBuilder(AlerthookApplication.class).run(
                "--server.port=0",
                "--alerthook.audit.file=" + dir.resolve("audit.jsonl"),
                "--alerthook.healing.severities=",
                "--alerthook.routes.reload-directory=");
        int port = alerthook.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        Webhook webhook = new Webhook(port, null);
        byte[] inFlight = Fixtures.json(Fixtures.fresh(Fixtures.FIRING_SINGLE, "shutdown-in-flight")).getBytes(StandardCharsets.UTF_8);

        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /hooks/alertmanager HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + inFlight.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(inFlight, 0, 10);
            out.flush();
            IntakeFilter intake = alerthook.getBean(IntakeFilter.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> intake.inFlight() == 1);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(alerthook::close);
            HttpResponse<String> refused = await().atMost(Duration.ofSeconds(10)).until(
                    () -> webhook.post(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_SINGLE, "shutdown-new"))),
                    response -> response.statusCode() == 503);
            JsonNode reply = MAPPER.readTree(refused.body());
            assertThat(reply.get("status").asText()).isEqualTo("unavailable");
            assertThat(reply.get("error").asText()).isEqualTo("alerthook is shutting down; retry later");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(stopping).isNotDone();

            out.write(inFlight, 10, inFlight.length - 10);
            out.flush();
            String answer = new String(readAnswer(socket.getInputStream()), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"status\":\"accepted\"");
            stopping.get(30, TimeUnit.SECONDS);
        }
    }

    private static byte[] readAnswer(InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        int read;
        while ((read = in.read()) != -1) {
            answer.write(read);
            if (read == '}' && answer.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) {
                break;
            }
        }
        return answer.toByteArray();
    }
}
