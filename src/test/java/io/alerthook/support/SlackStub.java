package io.alerthook.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for Slack's incoming webhook on loopback: records the text of every message posted and answers 200, or, for
 * messages that mention a marker, the failures queued with {@link #failNext} (so other tests' messages
 * still in flight cannot use them up).
 */
public final class SlackStub implements AutoCloseable {

    /** Like a real webhook URL, the path is the secret. */
    public static final String SECRET_PATH = "/services/T0000/B0000/not-a-real-secret-4f2a9c";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Integer>> failures = new ConcurrentHashMap<>();

    public SlackStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(SECRET_PATH, exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Integer failure = failures.entrySet().stream()
                    .filter(entry -> body.contains(entry.getKey()))
                    .map(entry -> entry.getValue().poll())
                    .filter(Objects::nonNull)
                    .findFirst().orElse(null);
            int status = failure == null ? 200 : failure;
            if (failure == null) {
                received.add(MAPPER.readTree(body).path("text").asText());
            }
            byte[] answer = (status == 200 ? "ok" : "server_error").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    public String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + SECRET_PATH;
    }

    /** The next {@code times} posts that mention {@code marker} are answered with {@code status}, not received. */
    public void failNext(String marker, int times, int status) {
        Queue<Integer> queue = failures.computeIfAbsent(marker, key -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(status);
        }
    }

    public List<String> received() {
        return List.copyOf(received);
    }

    /** The texts of the messages that mention {@code marker}, e.g. a test's own {@code run} label value. */
    public List<String> receivedWith(String marker) {
        return received.stream().filter(body -> body.contains(marker)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
