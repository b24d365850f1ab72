package io.alerthook.intake;

import io.alerthook.AlerthookApplication;
import io.alerthook.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TLS the Spring Boot way (server.ssl.*), as the README shows it, with a self-signed certificate. */
class IntakeTlsTest {

    private static final String PASSWORD = "changeit";

    @Test
    void acceptsNotificationsOverTlsAndNothingInTheClear(@TempDir Path dir) throws Exception {
        Path keystore = selfSignedKeystore(dir);
        try (ConfigurableApplicationContext alerthook = new SpringApplicationBuilder(AlerthookApplication.class).run(
                "--server.port=0",
                "--server.ssl.key-store=" + keystore,
                "--server.ssl.key-store-password=" + PASSWORD,
                "--server.ssl.key-store-type=PKCS12",
                "--alerthook.auth.bearer-token=tls-token",
                "--alerthook.audit.file=" + dir.resolve("audit.jsonl"),
                "--alerthook.healing.severities=",
                "--alerthook.routes.reload-directory=")) {
            int port = alerthook.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keystore)).build();
            HttpRequest.Builder post = HttpRequest.newBuilder()
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer tls-token")
                    .POST(HttpRequest.BodyPublishers.ofString(Fixtures.json(Fixtures.fresh(Fixtures.FIRING_SINGLE, "tls"))));

            HttpResponse<String> overTls = trusting.send(post.uri(URI.create("https://localhost:" + port + "/hooks/alertmanager")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(overTls.statusCode()).isEqualTo(200);
            assertThat(overTls.body()).contains("\"status\":\"accepted\"");
            HttpResponse<String> inTheClear = HttpClient.newHttpClient().send(
                    post.uri(URI.create("http://localhost:" + port + "/hooks/alertmanager")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(inTheClear.statusCode()).as("Tomcat answers plain HTTP on a TLS port with 400").isEqualTo(400);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(post.uri(URI.create("https://localhost:" + port + "/hooks/alertmanager")).build(),
                    HttpResponse.BodyHandlers.ofString())).as("a client that does not trust the certificate").isInstanceOf(IOException.class);
        }
    }

    /** What {@code keytool -genkeypair} makes for a test deployment; the README shows the same command. */
    private static Path selfSignedKeystore(Path dir) throws Exception {
        Path keystore = dir.resolve("alerthook.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "alerthook", "-keyalg", "EC",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
        return keystore;
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
