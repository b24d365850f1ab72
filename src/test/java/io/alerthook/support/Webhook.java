package io.alerthook.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Posts to alerthook's webhook over real HTTP, as Alertmanager does. */
public record Webhook(int port, String token) {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public HttpResponse<String> post(String body) {
        return post(body.getBytes(StandardCharsets.UTF_8), "application/json", "Bearer " + token);
    }

    public HttpResponse<String> post(byte[] body, String contentType, String authorization) {
        return send("POST", "/hooks/alertmanager", HttpRequest.BodyPublishers.ofByteArray(body), contentType, authorization);
    }

    /** Any request, e.g. another method or path, or a body of unknown length (sent chunked). */
    public HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String contentType, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
    }

    /** A GET with the webhook's credentials. */
    public HttpResponse<String> getAuthorized(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
