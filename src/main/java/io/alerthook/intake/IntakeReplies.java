package io.alerthook.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.alert.InvalidNotificationException;
import io.alerthook.alert.Notification;
import org.apache.camel.ExchangeProperty;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON bodies intake answers with. */
public final class IntakeReplies {

    private final ObjectMapper mapper;

    public IntakeReplies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String accepted(Notification notification) throws JsonProcessingException {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "accepted");
        reply.put("alerts", notification.alerts().size());
        return mapper.writeValueAsString(reply);
    }

    public String rejected(@ExchangeProperty("CamelExceptionCaught") Exception problem) throws JsonProcessingException {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "rejected");
        if (problem instanceof InvalidNotificationException invalid) {
            reply.put("error", "invalid notification");
            reply.put("problems", invalid.getProblems());
        } else {
            reply.put("error", problem.getMessage());
        }
        return mapper.writeValueAsString(reply);
    }

    public String failed() throws JsonProcessingException {
        return mapper.writeValueAsString(Map.of("status", "error",
                "error", "the notification could not be recorded; Alertmanager will retry"));
    }
}
