package io.alerthook.audit;

import io.alerthook.store.AuditLog;
import io.alerthook.store.AuditPage;
import io.alerthook.store.AuditSearch;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Answers "what did alerthook do about X?" from the store: the newest events matching an alertname and/or a
 * fingerprint, an event and/or an outcome ({@code event=slack&outcome=failed}: the dead letters), since a time. Bounded in size ({@code limit}, at most {@code maxLimit}) and in time ({@code timeout}:
 * a search that runs out says so with {@code "complete": false}).
 */
public final class AuditQuery {

    private final AuditLog store;
    private final int maxLimit;
    private final Duration timeout;
    private final Clock clock;

    public AuditQuery(AuditLog store, int maxLimit, Duration timeout, Clock clock) {
        this.store = store;
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
                                    @Header("event") String event, @Header("outcome") String outcome,
                                    @Header("since") String since, @Header("limit") String limit) {
        AuditPage page = store.search(new AuditSearch(alertname, fingerprint, known("event", event, Event::of),
                known("outcome", outcome, Outcome::of), since(since), limit(limit), System.nanoTime() + timeout.toNanos()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("events", page.events());
        answer.put("count", page.events().size());
        answer.put("complete", page.complete());
        return answer;
    }

    /** The answer to a query that is not valid. */
    public Map<String, Object> rejection(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception problem) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "rejected");
        answer.put("error", problem.getMessage());
        return answer;
    }

    /** The event or outcome asked for, null for none; one the audit does not know is refused rather than matching nothing. */
    private static <T> T known(String parameter, String value, Function<String, T> of) {
        if (value == null || value.isBlank()) {
            return null;
        }
        T known = of.apply(value);
        if (known == null) {
            throw new InvalidQueryException(parameter + ": no records have " + parameter + " " + value);
        }
        return known;
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
