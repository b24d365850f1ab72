package io.alerthook.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Posts and updates messages as a Slack app, through the official Slack SDK's Web API client ({@code chat.postMessage},
 * {@code chat.update}). camel-slack's producer sends with the same client but keeps nothing of Slack's answer: not
 * the posted message's {@code ts}, which threads and updates need, nor a 429's {@code Retry-After}.
 */
public final class SlackApi {

    /** Where Slack put a posted message: the channel's ID and the message's timestamp. */
    public record Posted(String channel, String ts) {
    }

    /** Errors that Slack answers with 200 and {@code ok: false} but that another try may not get: a 5xx in all but name. */
    private static final Set<String> TRANSIENT_ERRORS = Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout");

    private final Slack slack;
    private final Clock clock;

    public SlackApi(Slack slack, Clock clock) {
        this.slack = slack;
        this.clock = clock;
    }

    /** Posts the message to the destination's channel, as a reply in the thread of {@code threadTs} unless it is null. */
    public Posted post(SlackDestination destination, String channel, String threadTs, JsonNode payload) throws SlackDeliveryException {
        var response = call(destination, "chat.postMessage", () -> slack.methods(destination.botToken()).chatPostMessage(request -> request
                .channel(channel).threadTs(threadTs).text(payload.path("text").asText(null))
                .blocksAsString(json(payload, "blocks")).attachmentsAsString(attachments(payload))));
        return new Posted(response.getChannel(), response.getTs());
    }

    /** Replaces the message {@code ts} in {@code channel} (an ID) with the payload. */
    public void update(SlackDestination destination, String channel, String ts, JsonNode payload) throws SlackDeliveryException {
        call(destination, "chat.update", () -> slack.methods(destination.botToken()).chatUpdate(request -> request
                .channel(channel).ts(ts).text(payload.path("text").asText(null))
                .blocksAsString(json(payload, "blocks")).attachmentsAsString(attachments(payload))));
    }

    @FunctionalInterface
    private interface Call<R extends SlackApiTextResponse> {
        R send() throws IOException, SlackApiException;
    }

    private <R extends SlackApiTextResponse> R call(SlackDestination destination, String method, Call<R> call) throws SlackDeliveryException {
        R response;
        try {
            response = call.send();
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            Duration retryAfter = status == 429 ? SlackClient.retryAfter(e.getResponse().header("Retry-After"), clock.instant()) : null;
            String error = e.getError() != null && e.getError().getError() != null ? e.getError().getError() : e.getResponseBody();
            throw new SlackDeliveryException(method + ": Slack answered " + status + " (" + destination.redact(String.valueOf(error)) + ")"
                    + (retryAfter == null ? "" : ", retry after " + retryAfter.toMillis() + " ms"), status, retryAfter);
        } catch (IOException e) {
            // Not chained as the cause: a cause's message could hold the token, and stack traces get logged.
            throw new SlackDeliveryException(method + ": could not reach Slack: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + destination.redact(e.getMessage())), 0, null);
        }
        if (!response.isOk()) {
            int status = TRANSIENT_ERRORS.contains(response.getError()) ? 503 : 200;
            throw new SlackDeliveryException(method + ": Slack refused it: " + response.getError(), status, null);
        }
        return response;
    }

    /**
     * The attachments, each with a {@code fallback} (the message's text) unless it has one: the Web API wants it where
     * an attachment cannot be shown, and the SDK warns at every post without it.
     */
    private static String attachments(JsonNode payload) {
        if (!(payload.get("attachments") instanceof ArrayNode attachments)) {
            return null;
        }
        ArrayNode withFallback = attachments.deepCopy();
        withFallback.forEach(attachment -> {
            if (attachment instanceof ObjectNode object && !object.hasNonNull("fallback")) {
                object.put("fallback", payload.path("text").asText(""));
            }
        });
        return withFallback.toString();
    }

    private static String json(JsonNode payload, String field) {
        return payload.has(field) ? payload.get(field).toString() : null;
    }
}
