package io.alerthook.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for Slack's incoming webhooks, and its Web API for a Slack app ({@link #apiUrl}), on loopback. Every post is recorded as an {@link Attempt}; it is answered
 * 200, or, for posts that mention a marker, with the answers queued by {@link #answerNext} (429 with Retry-After, 500,
 * or 200 slowly), so other tests' messages still in flight cannot use them up. Any path under /services/ is a
 * webhook, so one stub serves several destinations ({@link #webhookUrl(String)}).
 */
public final class SlackStub implements AutoCloseable {

    /** Like a real webhook URL, the path is the secret. */
    public static final String SECRET_PATH = "/services/T0000/B0000/not-a-real-secret-4f2a9c";
    /** The Slack app's bot token the Web API takes; any other is answered {@code invalid_auth}. */
    public static final String BOT_TOKEN = "xoxb-0000-0000-not-a-real-secret";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** How the stub answers one post. */
    public record Answer(int status, String retryAfter, Duration delay) {

        public static Answer status(int status) {
            return new Answer(status, null, Duration.ZERO);
        }

        public static Answer rateLimited(String retryAfter) {
            return new Answer(429, retryAfter, Duration.ZERO);
        }

        public static Answer slowly(Duration delay) {
            return new Answer(200, null, delay);
        }
    }

    /**
     * One post as the stub saw it: when it arrived, to which webhook path, the JSON body, and how it was answered.
     * It is recorded on arrival, so a slow answer's post shows while alerthook still waits for it.
     */
    public record Attempt(Instant at, String path, JsonNode payload, int status, Duration delay, String ts) {

        /** A Web API call's argument, e.g. {@code thread_ts}; null if absent. */
        public String argument(String name) {
            return payload.hasNonNull(name) ? payload.get(name).asText() : null;
        }

        public Instant answeredAt() {
            return at.plus(delay);
        }

        /** Every text of the message, the fallback {@code text} first, one per line: what a reader sees. */
        public String text() {
            StringJoiner texts = new StringJoiner("\n");
            collectTexts(payload, texts);
            return texts.toString();
        }

        public boolean mentions(String marker) {
            return payload.toString().contains(marker);
        }

        private static void collectTexts(JsonNode node, StringJoiner texts) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("text") && field.getValue().isTextual()) {
                    texts.add(field.getValue().asText());
                } else {
                    collectTexts(field.getValue(), texts);
                }
            });
            if (node.isArray()) {
                node.forEach(element -> collectTexts(element, texts));
            }
        }
    }

    private final HttpServer server;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Answer>> answers = new ConcurrentHashMap<>();
    private volatile Answer outage;
    private final Map<String, String> channels = new ConcurrentHashMap<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong channelIds = new AtomicLong();

    public SlackStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/services/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer = answerTo(body);
            attempts.add(new Attempt(Instant.now(), exchange.getRequestURI().getPath(), MAPPER.readTree(body),
                    answer.status(), answer.delay(), null));
            playSlow(answer);
            respond(exchange, answer, answer.status() == 200 ? "ok" : answer.status() == 429 ? "rate_limited" : answer.status() >= 500
                    ? "server_error" : "invalid_payload");
        });
        server.createContext("/api/", this::webApi);
        server.createContext("/actions/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            attempts.add(new Attempt(Instant.now(), exchange.getRequestURI().getPath(), MAPPER.readTree(body), 200, Duration.ZERO, null));
            respond(exchange, Answer.status(200), "ok");
        });
        server.start();
    }

    /**
     * Slack's Web API, as the Slack SDK calls it: a form of arguments, the bot token in the Authorization header.
     * {@code chat.postMessage} answers the channel's ID and a new {@code ts}; {@code chat.update} the same ones back.
     */
    private void webApi(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        ObjectNode arguments = MAPPER.createObjectNode();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                arguments.set(name, name.equals("blocks") || name.equals("attachments") ? MAPPER.readTree(value) : arguments.textNode(value));
            }
        }
        if (!("Bearer " + BOT_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, Answer.status(200), "{\"ok\":false,\"error\":\"invalid_auth\"}");
            return;
        }
        Answer answer = answerTo(method + " " + body);
        String channel = channelId(arguments.path("channel").asText());
        String ts = method.equals("chat.update") ? arguments.path("ts").asText()
                : String.format(Locale.ROOT, "1700000000.%06d", messages.incrementAndGet());
        attempts.add(new Attempt(Instant.now(), exchange.getRequestURI().getPath(), arguments, answer.status(), answer.delay(),
                answer.status() == 200 ? ts : null));
        playSlow(answer);
        respond(exchange, answer, answer.status() == 200
                ? MAPPER.createObjectNode().put("ok", true).put("channel", channel).put("ts", ts).toString()
                : MAPPER.createObjectNode().put("ok", false).put("error", answer.status() == 429 ? "ratelimited" : "fatal_error").toString());
    }

    /** A channel's ID: the name's, made up once; an ID stays itself. */
    private String channelId(String channel) {
        return channel.matches("[CG][A-Z0-9]{8,}") ? channel
                : channels.computeIfAbsent(channel, name -> String.format(Locale.ROOT, "C%010d", channelIds.incrementAndGet()));
    }

    private Answer answerTo(String body) {
        Answer down = outage;
        return down != null ? down : answers.entrySet().stream()
                .filter(entry -> mentions(body, entry.getKey()))
                .map(entry -> entry.getValue().poll())
                .filter(Objects::nonNull)
                .findFirst().orElse(Answer.status(200));
    }

    /** A key is a marker, or a Web API method and a marker: the body of a Web API call is preceded by its method. */
    private static boolean mentions(String body, String key) {
        int space = key.indexOf(' ');
        return space < 0 ? body.contains(key) : body.startsWith(key.substring(0, space + 1)) && body.contains(key.substring(space + 1));
    }

    private static void playSlow(Answer answer) {
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis()); // the stub plays a slow Slack; nothing waits on this sleep
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void respond(HttpExchange exchange, Answer answer, String body) throws IOException {
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        byte[] reply = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    /** Where an interaction's answers go, only for the user who pressed (a {@code response_url}); {@link #answersTo}. */
    public String responseUrl(String user) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/actions/T0000/" + user;
    }

    /** What alerthook answered {@code user}'s presses, for their eyes only. */
    public List<Attempt> answersTo(String user) {
        return attempts.stream().filter(attempt -> attempt.path().equals("/actions/T0000/" + user)).toList();
    }

    /** Where the Slack SDK finds this stub's Web API ({@code alerthook.slack.api-url}). */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** The calls of Web API {@code method} (e.g. {@code chat.update}) that mention {@code marker}, whatever they were answered. */
    public List<Attempt> callsWith(String method, String marker) {
        return attemptsWith(marker).stream().filter(attempt -> attempt.path().equals("/api/" + method)).toList();
    }

    /** The replies the app posted (answered 200) in the thread of the message {@code ts}. */
    public List<Attempt> repliesTo(String ts) {
        return attempts.stream().filter(attempt -> attempt.path().equals("/api/chat.postMessage") && attempt.status() == 200
                && ts.equals(attempt.argument("thread_ts"))).toList();
    }

    /** The messages the app posted (answered 200) that mention {@code marker}: the channel's ID is in the answer, not here. */
    public List<Attempt> postedWith(String marker) {
        return callsWith("chat.postMessage", marker).stream().filter(attempt -> attempt.status() == 200).toList();
    }

    public String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + SECRET_PATH;
    }

    /** Another webhook on the same stub, told apart by {@link Attempt#path()}. */
    public String webhookUrl(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + webhookPath(name);
    }

    public static String webhookPath(String name) {
        return "/services/T0000/" + name + "/another-secret-9d1e";
    }

    /** The next posts that mention {@code marker} are answered so, in this order; later ones get 200 again. */
    public void answerNext(String marker, Answer... next) {
        answers.computeIfAbsent(marker, key -> new ConcurrentLinkedQueue<>()).addAll(List.of(next));
    }

    /** The next calls of Web API {@code method} that mention {@code marker} are answered so, in this order. */
    public void answerNext(String method, String marker, Answer... next) {
        answers.computeIfAbsent(method + " " + marker, key -> new ConcurrentLinkedQueue<>()).addAll(List.of(next));
    }

    /** The next {@code times} posts that mention {@code marker} are answered with {@code status}. */
    public void failNext(String marker, int times, int status) {
        for (int i = 0; i < times; i++) {
            answerNext(marker, Answer.status(status));
        }
    }

    /** Until {@link #restore}, every post is answered with {@code status}, as during an outage of Slack. */
    public void outage(int status) {
        outage = Answer.status(status);
    }

    public void restore() {
        outage = null;
    }

    /** Every post that mentions {@code marker}, whatever it was answered. */
    public List<Attempt> attemptsWith(String marker) {
        return attempts.stream().filter(attempt -> attempt.mentions(marker)).toList();
    }

    /** The messages Slack took (answered 200) that mention {@code marker}. */
    public List<Attempt> deliveredWith(String marker) {
        return attemptsWith(marker).stream().filter(attempt -> attempt.status() == 200).toList();
    }

    /** The texts of every message Slack took. */
    public List<String> received() {
        List<String> texts = new ArrayList<>();
        attempts.stream().filter(attempt -> attempt.status() == 200).forEach(attempt -> texts.add(attempt.text()));
        return texts;
    }

    /** The texts of the messages Slack took that mention {@code marker}, e.g. a test's own {@code run} label value. */
    public List<String> receivedWith(String marker) {
        return deliveredWith(marker).stream().map(Attempt::text).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
