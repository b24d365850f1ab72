package io.alerthook.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.util.json.GsonFactory;
import io.alerthook.intake.RejectedRequestException;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a Slack interaction that {@link SlackSignatureFilter} verified: Slack's JSON payload, read with the Slack SDK's
 * model of it. alerthook takes one kind, a button of an incident's parent pressed
 * ({@code block_actions}, one of {@link SlackButton}); anything else is a 400 saying what is wrong.
 */
public final class SlackInteractions {

    /**
     * A button pressed: which, on which incident, by whom ({@code user}: Slack's ID; {@code userName}: the handle),
     * where Slack takes an answer only the presser sees ({@code responseUrl}), and, for Approve and Skip, which
     * playbook's run for which alert.
     */
    public record Click(SlackButton button, String destination, String groupKey, String user, String userName, String responseUrl,
                        String playbook, String fingerprint) {
    }

    private final Gson gson = GsonFactory.createSnakeCase();
    private final ObjectMapper mapper;

    public SlackInteractions(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Reads Slack's JSON payload, as {@link SlackSignatureFilter} verified it and took it out of its form. */
    public Click read(@Body String json) {
        BlockActionPayload payload;
        try {
            // the model's type is fixed to block_actions: what Slack says it sent is read apart
            String type = mapper.readTree(json).path("type").asText();
            if (!BlockActionPayload.TYPE.equals(type)) {
                throw invalid("alerthook takes button presses (type block_actions), not " + (type.isEmpty() ? "a payload without a type" : type));
            }
            payload = gson.fromJson(json, BlockActionPayload.class);
        } catch (JsonProcessingException | JsonParseException e) {
            throw invalid("payload is not JSON");
        }
        if (payload.getActions() == null || payload.getActions().isEmpty() || payload.getUser() == null || payload.getUser().getId() == null) {
            throw invalid("a button press names its button (actions) and who pressed it (user)");
        }
        BlockActionPayload.Action action = payload.getActions().get(0);
        SlackButton button = SlackButton.of(action.getActionId())
                .orElseThrow(() -> invalid("no alerthook button is called \"" + action.getActionId() + "\""));
        JsonNode incident;
        try {
            incident = mapper.readTree(action.getValue() == null ? "" : action.getValue());
        } catch (JsonProcessingException e) {
            incident = null;
        }
        if (incident == null || !incident.path("destination").isTextual() || !incident.path("groupKey").isTextual()) {
            throw invalid("the button's value does not name an incident");
        }
        if (button.decidesApproval() && !(incident.path("playbook").isTextual() && incident.path("fingerprint").isTextual())) {
            throw invalid("the button's value does not name the playbook run to decide");
        }
        return new Click(button, incident.get("destination").asText(), incident.get("groupKey").asText(), payload.getUser().getId(),
                payload.getUser().getUsername() == null ? payload.getUser().getName() : payload.getUser().getUsername(), payload.getResponseUrl(),
                incident.path("playbook").asText(null), incident.path("fingerprint").asText(null));
    }

    /** The status of a refused interaction: 400 for what Slack sent, 500 for what went wrong here. */
    public int status(@ExchangeProperty("CamelExceptionCaught") Exception problem) {
        return problem instanceof RejectedRequestException rejected ? rejected.getStatus() : 500;
    }

    public String error(@ExchangeProperty("CamelExceptionCaught") Exception problem) throws JsonProcessingException {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", problem instanceof RejectedRequestException ? "rejected" : "error");
        reply.put("error", problem instanceof RejectedRequestException ? problem.getMessage() : "the interaction could not be taken");
        return mapper.writeValueAsString(reply);
    }

    private static RejectedRequestException invalid(String why) {
        return new RejectedRequestException(400, why);
    }
}
