package io.alerthook.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.alert.InvalidNotificationException;
import io.alerthook.alert.Notification;
import io.alerthook.alert.NotificationTooLargeException;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON bodies intake answers with. */
public final class IntakeReplies {

    private final ObjectMapper mapper;

    public IntakeReplies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String accepted(@Body Notification notification) throws JsonProcessingException {
        return mapper.writeValueAsString(acceptance(notification));
    }

    /** A duplicate is accepted too (Alertmanager must not retry it), and says so. */
    public String duplicate(@Body Notification notification) throws JsonProcessingException {
        Map<String, Object> reply = acceptance(notification);
        reply.put("duplicate", true);
        return mapper.writeValueAsString(reply);
    }

    private static Map<String, Object> acceptance(Notification notification) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "accepted");
        reply.put("alerts", notification.alerts().size());
        return reply;
    }

    /** The HTTP status for a request intake did not accept: 4xx for the caller's mistake, 503 to be retried. */
    public int status(@ExchangeProperty("CamelExceptionCaught") Exception problem) {
        if (problem instanceof RejectedRequestException rejected) {
            return rejected.getStatus();
        }
        if (problem instanceof NotificationTooLargeException) {
            return 413;
        }
        return problem instanceof InvalidNotificationException ? 400 : 503;
    }

    public String error(@ExchangeProperty("CamelExceptionCaught") Exception problem) throws JsonProcessingException {
        Map<String, Object> reply = new LinkedHashMap<>();
        if (problem instanceof InvalidNotificationException invalid) {
            reply.put("status", "rejected");
            reply.put("error", "invalid notification");
            reply.put("problems", invalid.getProblems());
        } else if (problem instanceof RejectedRequestException rejected) {
            reply.put("status", rejected.getStatus() < 500 ? "rejected" : "unavailable");
            reply.put("error", problem.getMessage());
        } else {
            reply.put("status", "error");
            reply.put("error", "the notification could not be recorded; Alertmanager will retry");
        }
        return mapper.writeValueAsString(reply);
    }
}
