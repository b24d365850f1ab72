package io.alerthook.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers "what did alerthook do about X?" from the audit journal: the newest events matching an alertname and/or a
 * fingerprint, since a time. Bounded in size ({@code limit}, at most {@code maxLimit}) and in time ({@code timeout}:
 * a search that runs out says so with {@code "complete": false}).
 */
public final class AuditQuery {

    private final AuditLog journal;
    private final ObjectMapper mapper;
    private final int maxLimit;
    private final Duration timeout;
    private final Clock clock;

    public AuditQuery(AuditLog journal, ObjectMapper mapper, int maxLimit, Duration timeout, Clock clock) {
        this.journal = journal;
        this.mapper = mapper;
        this.maxLimit = maxLimit;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** What was asked for is not a valid query: answered 400 with the message. */
    public static class InvalidQueryException extends RuntimeException {
        public InvalidQueryException(String message) {
            super(message);
        }
    }

    public Map<String, Object> find(@Header("alertname") String alertname, @Header("fingerprint") String fingerprint,
                                    @Header("since") String since, @Header("limit") String limit) {
        int wanted = limit(limit);
        Instant from = since(since);
        long deadline = System.nanoTime() + timeout.toNanos();
        Deque<JsonNode> newest = new ArrayDeque<>(wanted);
        boolean complete = true;
        try {
            List<Path> files = journal.files();
            search:
            for (Path file : files) {
                try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (System.nanoTime() - deadline > 0) {
                            complete = false;
                            break search;
                        }
                        // cheap text checks first: most lines are about other alerts
                        if (fingerprint != null && !line.contains(fingerprint) || alertname != null && !line.contains(alertname)) {
                            continue;
                        }
                        JsonNode event = mapper.readTree(line);
                        if (matches(event, alertname, fingerprint, from)) {
                            if (newest.size() == wanted) {
                                newest.removeFirst();
                            }
                            newest.addLast(event);
                        }
                    }
                } catch (NoSuchFileException rotatedAway) {
                    // rotated and deleted while we searched
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> events = new ArrayList<>(newest);
        Collections.reverse(events);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("events", events);
        answer.put("count", events.size());
        answer.put("complete", complete);
        return answer;
    }

    /** The answer to a query that is not valid. */
    public Map<String, Object> rejection(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception problem) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "rejected");
        answer.put("error", problem.getMessage());
        return answer;
    }

    private static boolean matches(JsonNode event, String alertname, String fingerprint, Instant from) {
        return (alertname == null || alertname.equals(event.path("alertname").asText()))
                && (fingerprint == null || fingerprint.equals(event.path("fingerprint").asText()))
                && (from == null || !Instant.parse(event.path("time").asText()).isBefore(from));
    }

    private int limit(String limit) {
        if (limit == null) {
            return Math.min(100, maxLimit);
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= maxLimit) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidQueryException("limit: must be a number from 1 to " + maxLimit + ", got " + limit);
    }

    /** An instant ({@code 2026-11-21T05:00:00Z}) or a duration back from now ({@code 15m}, {@code 2h}, {@code 1d}). */
    private Instant since(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException notAnInstant) {
            String amount = since.strip().toLowerCase(Locale.ROOT);
            try {
                Duration back = amount.endsWith("d") ? Duration.ofDays(Long.parseLong(amount.substring(0, amount.length() - 1)))
                        : Duration.parse("PT" + amount.toUpperCase(Locale.ROOT));
                return clock.instant().minus(back);
            } catch (RuntimeException notADuration) {
                throw new InvalidQueryException("since: must be an instant like 2026-11-21T05:00:00Z or a duration like 15m, 2h, 1d, got " + since);
            }
        }
    }
}
