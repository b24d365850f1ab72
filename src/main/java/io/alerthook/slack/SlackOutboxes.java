package io.alerthook.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.alert.AlertEvent;
import io.alerthook.audit.Outcome;
import io.alerthook.store.OutboxMessage;
import io.alerthook.store.Outboxes;
import io.micrometer.core.instrument.Counter;
import org.apache.camel.Body;
import org.apache.camel.spi.RouteTemplateParameterSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outbox of every Slack destination with a webhook, kept by the store, so that a restart loses nothing that was
 * queued. Camel makes one route per destination from the {@code slack-outbox} template in routes/slack.camel.yaml,
 * which takes the messages out in the order they came ({@link #head}), so a slow or failing destination holds up only
 * its own; a message leaves its outbox when its outcome is recorded ({@link SlackAudit}).
 * <p>
 * During a storm Alertmanager sends the same group again and again, each time with its whole current state. While such
 * messages wait (Slack takes one a second), only the newest of a group needs to go out: a new message takes the place
 * of its group's message that still waits, which is recorded as coalesced, so the group's newest state goes out when
 * the group's turn comes and one busy group never fills the outbox; the message already being sent, once a newer one
 * waits, is {@linkplain #isSuperseded superseded} (coalesced too) if it has to be tried again. Not Camel's aggregator:
 * that would hold every message for a completion timeout, while this delays none and merges only what is already waiting.
 */
public final class SlackOutboxes implements RouteTemplateParameterSource {

    static final String TEMPLATE = "slack-outbox";
    private static final Logger LOG = LoggerFactory.getLogger(SlackOutboxes.class);

    /** A message as its outbox keeps it; the destination and the creation time are the store's own fields. */
    private record Kept(SlackPost.Kind kind, String payload, List<AlertEvent> alerts) {
    }

    private final Map<String, SlackDestination> byRouteId = new LinkedHashMap<>();
    private final SlackDestinations destinations;
    private final Outboxes store;
    private final ObjectMapper mapper;
    private final int limit;
    private final Duration claimLease;
    private final Counter takeovers;
    private volatile boolean storeAnswered = true;

    public SlackOutboxes(SlackDestinations destinations, Outboxes store, ObjectMapper mapper, int limit, Duration claimLease, Counter takeovers) {
        this.takeovers = takeovers;
        this.destinations = destinations;
        this.store = store;
        this.mapper = mapper;
        this.limit = limit;
        this.claimLease = claimLease;
        destinations.all().stream().filter(SlackDestination::isConfigured)
                .forEach(destination -> byRouteId.put(TEMPLATE + "-" + destination.name(), destination));
    }

    @Override
    public Set<String> routeIds() {
        return new LinkedHashSet<>(byRouteId.keySet());
    }

    @Override
    public Map<String, Object> parameters(String routeId) {
        return Map.of(TEMPLATE_ID, TEMPLATE, "destination", byRouteId.get(routeId).name());
    }

    /** The destinations with an outbox. */
    public List<String> destinations() {
        return byRouteId.values().stream().map(SlackDestination::name).toList();
    }

    /**
     * Puts the message in its destination's outbox, recorded {@code queued}: in the place of its group's older message if
     * that one still waits (which is then recorded {@code coalesced}), else at the end; if the outbox is full (Slack is
     * this far behind), the message is recorded {@code dropped} instead. Does not wait for the store (see
     * {@link Outboxes#enqueue}).
     */
    public void enqueue(@Body SlackPost post) {
        OutboxMessage message = new OutboxMessage(0, post.destination().name(), post.coalescingKey(), post.created(), kept(post));
        store.enqueue(message, limit, SlackAudit.records(post, Outcome.QUEUED, null, null),
                replaced -> SlackAudit.records(post(replaced), Outcome.COALESCED, null, null),
                () -> SlackAudit.records(post, Outcome.DROPPED, "the Slack queue of " + post.destination().name()
                        + " is full (alerthook.slack.queue-size)", null));
    }

    /**
     * The oldest message waiting for the destination, or null: if none is, if another alerthook sends for its webhook
     * (it holds the claim, see {@link Outboxes#claim}; recovery/ReplicaHeartbeat renews ours), or if the store cannot be
     * asked now (the outbox route asks again soon; readiness reports the store).
     */
    public SlackPost head(String destination) {
        Optional<OutboxMessage> head;
        try {
            Outboxes.Claim claim = store.claim(destinations.named(destination).senderId(), claimLease);
            if (claim.takenFrom() != null) {
                LOG.warn("Took over sending to the Slack webhook of {} from alerthook {}, not heard of for {} ms", destination,
                        claim.takenFrom(), claimLease.toMillis());
                takeovers.increment();
            }
            if (!claim.held()) {
                return null;
            }
            head = store.head(destination);
        } catch (RuntimeException e) {
            if (storeAnswered) {
                LOG.warn("The Slack outbox of {} cannot be read now; trying again: {}", destination, e.getMessage());
            }
            storeAnswered = false;
            return null;
        }
        storeAnswered = true;
        return head.map(this::post).orElse(null);
    }

    /** Whether a newer message of the same group waits. */
    public boolean isSuperseded(@Body SlackPost post) {
        return store.isSuperseded(entry(post));
    }

    public int waiting(String destination) {
        return store.waiting(destination);
    }

    /** The message as the store names it in its outbox (without the message itself). */
    static OutboxMessage entry(SlackPost post) {
        return new OutboxMessage(post.outboxId(), post.destination().name(), post.coalescingKey(), post.created(), null);
    }

    private String kept(SlackPost post) {
        try {
            return mapper.writeValueAsString(new Kept(post.kind(), post.payload(), post.alerts()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a Slack message cannot be written as JSON", e);
        }
    }

    private SlackPost post(OutboxMessage message) {
        try {
            Kept kept = mapper.readValue(message.message(), Kept.class);
            return new SlackPost(kept.kind(), destinations.named(message.destination()), kept.payload(), kept.alerts(), message.created())
                    .taken(message.id(), message.taken());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Slack message in the outbox of " + message.destination() + " cannot be read", e);
        }
    }
}
