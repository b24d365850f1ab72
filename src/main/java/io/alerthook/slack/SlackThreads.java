package io.alerthook.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.AlerthookProperties.Slack.ThreadMode;
import io.alerthook.alert.AlertEvent;
import io.alerthook.store.Outboxes;
import io.alerthook.store.SlackThread;
import org.apache.camel.Body;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Slack app's messages, one thread per incident (an alert group at one destination, from its first firing until all
 * its alerts resolved). The incident's first message is the thread's parent; each later change is a reply in the thread
 * (new alerts firing, alerts resolved, heal reports), and the parent is then brought up to date in place by a
 * {@linkplain SlackPost.Kind#PARENT_UPDATE parent update} of its own, so that a 429 on {@code chat.update} never posts a
 * reply twice, and updates waiting for the same parent are coalesced. {@code alerthook.slack.thread} chooses replies,
 * updates or both. Every change goes through the destination's one sender, which keeps the thread in the store with
 * the message's outcome ({@link SlackAudit#sent}), so a restarted alerthook, or another one, goes on in the same thread.
 */
public final class SlackThreads {

    /** The last notes (heal outcomes, who acknowledged or silenced) shown on the parent, under its header. */
    static final int NOTES_SHOWN = 5;
    /** The block of the parent's buttons. */
    static final String ACTIONS = "alerthook-actions";
    /** Slack's limit on a button's value. */
    private static final int MAX_BUTTON_VALUE = 2000;
    /** Slack's limit on a button's text. */
    private static final int MAX_BUTTON_TEXT = 75;
    /** Runs waiting for approval whose buttons the parent shows: Slack takes 25 elements in an actions block. */
    static final int APPROVALS_SHOWN = 10;
    /** A note's field that asks for a run's approval, or ends one: {@code {"playbook", "fingerprint", "pending"}}. */
    static final String APPROVAL = "approval";
    private static final String RESOLVED = "resolved";

    /**
     * What a thread shows: the group's alerts as its last message told them, the parent as that message rendered it,
     * the notes added since, whether the parent in Slack lags behind this, and the playbook runs waiting for approval.
     */
    record State(List<AlertEvent> alerts, JsonNode parent, List<String> notes, boolean stale, List<PendingApproval> approvals) {

        State {
            approvals = approvals == null ? List.of() : List.copyOf(approvals);
        }

        String status(String fingerprint) {
            return alerts.stream().filter(alert -> alert.alert().fingerprint().equals(fingerprint)).map(alert -> alert.alert().status())
                    .findFirst().orElse(null);
        }
    }

    private final Outboxes store;
    private final SlackApi api;
    private final SlackPacing posts;
    private final SlackPacing updates;
    private final Function<List<AlertEvent>, ObjectNode> render;
    private final ThreadMode mode;
    private final boolean buttons;
    private final ObjectMapper mapper;

    /**
     * @param posts   paces {@code chat.postMessage} per channel (Slack: about one message a second)
     * @param updates paces {@code chat.update} per app (Slack: Tier 3, about 50 a minute)
     * @param render  a group's alerts as a message, as the destination's message for the whole group would show them
     * @param buttons whether the parent has buttons ({@link SlackButton}): Slack's clicks reach alerthook, signed
     */
    public SlackThreads(Outboxes store, SlackApi api, SlackPacing posts, SlackPacing updates, Function<List<AlertEvent>, ObjectNode> render,
                        ThreadMode mode, boolean buttons, ObjectMapper mapper) {
        this.store = store;
        this.api = api;
        this.posts = posts;
        this.updates = updates;
        this.render = render;
        this.mode = mode;
        this.buttons = buttons;
        this.mapper = mapper;
    }

    /** Posts the message as the app, in its turn; returns it with its incident's thread as it left it. */
    public SlackPost send(SlackPost post) throws SlackDeliveryException, InterruptedException {
        return switch (post.kind()) {
            case ALERTS -> alerts(post);
            case HEAL_REPORT, NOTE -> noted(post);
            case PARENT_UPDATE -> updateParent(post);
        };
    }

    /** A playbook's run for an alert of the incident that waits for approval: the parent has its Approve and Skip. */
    record PendingApproval(String playbook, String fingerprint) {
    }

    /** The incident's alerts, as the thread's last message told them. */
    public List<AlertEvent> alerts(SlackThread thread) {
        return state(thread).alerts();
    }

    /** Whether the post changed its thread so that the parent shown in Slack is behind. */
    public boolean updatesParent(@Body SlackPost post) {
        return post.kind() != SlackPost.Kind.PARENT_UPDATE && post.thread() != null && state(post.thread()).stale();
    }

    /** The update that brings the post's thread's parent up to date, about the same alerts. */
    public SlackPost parentUpdate(@Body SlackPost post) {
        return new SlackPost(SlackPost.Kind.PARENT_UPDATE, post.destination(), "{}", post.alerts(), Instant.now());
    }

    private SlackPost alerts(SlackPost post) throws SlackDeliveryException, InterruptedException {
        SlackDestination destination = post.destination();
        ObjectNode parent = (ObjectNode) tree(post.payload());
        boolean resolved = post.alerts().stream().allMatch(alert -> RESOLVED.equals(alert.alert().status()));
        Optional<SlackThread> open = store.thread(destination.name(), post.groupKey()).filter(thread -> !thread.resolved());
        if (open.isEmpty()) {
            State state = new State(post.alerts(), parent, List.of(), false, List.of());
            SlackApi.Posted posted = posts.send(destination.senderId(),
                    () -> api.post(destination, destination.channel(), null, shown(destination.name(), post.groupKey(), resolved, state)));
            return post.threaded(thread(post, posted.channel(), posted.ts(), resolved, state));
        }
        SlackThread thread = open.get();
        State before = state(thread);
        List<AlertEvent> changed = post.alerts().stream()
                .filter(alert -> !alert.alert().status().equals(before.status(alert.alert().fingerprint()))).toList();
        if (mode.replies() && !changed.isEmpty()) {
            posts.send(destination.senderId(), () -> api.post(destination, thread.channel(), thread.ts(), render.apply(changed)));
        }
        return post.threaded(thread(post, thread.channel(), thread.ts(), resolved, new State(post.alerts(), parent, before.notes(),
                before.stale() || mode.updates() && !parent.equals(before.parent()), before.approvals())));
    }

    /**
     * A heal report or a note: in the thread of the alert's incident, and its first line noted on the parent; alone in
     * the channel if the incident has no thread.
     */
    private SlackPost noted(SlackPost post) throws SlackDeliveryException, InterruptedException {
        SlackDestination destination = post.destination();
        ObjectNode report = (ObjectNode) tree(post.payload());
        ObjectNode shown = withApprovalButtons(report, destination.name(), post.groupKey());
        Optional<SlackThread> kept = store.thread(destination.name(), post.groupKey());
        if (kept.isEmpty()) {
            posts.send(destination.senderId(), () -> api.post(destination, destination.channel(), null, shown));
            return post;
        }
        SlackThread thread = kept.get();
        if (mode.replies() || report.has(APPROVAL)) {
            posts.send(destination.senderId(), () -> api.post(destination, thread.channel(), thread.ts(), shown));
        }
        State before = state(thread);
        List<String> notes = new ArrayList<>(before.notes());
        notes.add(report.path("text").asText().lines().findFirst().orElse(""));
        return post.threaded(thread(post, thread.channel(), thread.ts(), thread.resolved(),
                new State(before.alerts(), before.parent(), notes.subList(Math.max(0, notes.size() - NOTES_SHOWN), notes.size()),
                        before.stale() || mode.updates(), approvals(before.approvals(), report.get(APPROVAL)))));
    }

    private SlackPost updateParent(SlackPost post) throws SlackDeliveryException, InterruptedException {
        SlackDestination destination = post.destination();
        Optional<SlackThread> kept = store.thread(destination.name(), post.groupKey());
        if (kept.isEmpty()) {
            return post;
        }
        SlackThread thread = kept.get();
        State state = state(thread);
        updates.send(destination.appId(), () -> {
            api.update(destination, thread.channel(), thread.ts(), shown(thread.destination(), thread.groupKey(), thread.resolved(), state));
            return null;
        });
        return post.threaded(thread(post, thread.channel(), thread.ts(), thread.resolved(),
                new State(state.alerts(), state.parent(), state.notes(), false, state.approvals())));
    }

    /** The runs waiting for approval once the note is posted: its {@value #APPROVAL} asks for one, or ends one. */
    private static List<PendingApproval> approvals(List<PendingApproval> before, JsonNode change) {
        if (change == null) {
            return before;
        }
        PendingApproval approval = new PendingApproval(change.path("playbook").asText(), change.path("fingerprint").asText());
        List<PendingApproval> after = new ArrayList<>(before);
        after.remove(approval);
        if (change.path("pending").asBoolean()) {
            after.add(approval);
        }
        return after;
    }

    /**
     * The parent as Slack shows it: the group's last message with the notes right under its header and, while the
     * incident lasts and buttons are on, the buttons at its end.
     */
    ObjectNode shown(String destination, String groupKey, boolean resolved, State state) {
        ObjectNode shown = state.parent().deepCopy();
        ArrayNode blocks = shown.path("attachments").path(0).get("blocks") instanceof ArrayNode inAttachment ? inAttachment
                : shown.get("blocks") instanceof ArrayNode own ? own : shown.putArray("blocks");
        if (!state.notes().isEmpty()) {
            ObjectNode context = blocks.insertObject(Math.min(1, blocks.size())).put("type", "context");
            context.putArray("elements").addObject().put("type", "mrkdwn")
                    .put("text", SlackLimits.shorten(String.join("\n", state.notes()), SlackLimits.MAX_ELEMENT_TEXT));
        }
        if (!SlackLimits.fits(shown)) {
            SlackLimits.cut(shown);
        }
        String value = buttonValue(destination, groupKey);
        if (buttons && !resolved && value.length() <= MAX_BUTTON_VALUE) {
            if (SlackLimits.blocks(shown) >= SlackLimits.MAX_BLOCKS) {
                blocks.remove(blocks.size() - 1);
            }
            ArrayNode elements = blocks.addObject().put("type", "actions").put("block_id", ACTIONS).putArray("elements");
            for (SlackButton button : SlackButton.INCIDENT) {
                button(elements, button, button.label(), value);
            }
            for (PendingApproval approval : state.approvals().subList(0, Math.min(state.approvals().size(), APPROVALS_SHOWN))) {
                approvalButtons(elements, destination, groupKey, approval);
            }
        }
        return shown;
    }

    /**
     * The note that asks for a run's approval carries Approve and Skip itself, so that they can be pressed whatever
     * the thread shows: also before the incident's parent is posted, and with replies only.
     */
    private ObjectNode withApprovalButtons(ObjectNode note, String destination, String groupKey) {
        JsonNode approval = note.get(APPROVAL);
        if (!buttons || approval == null || !approval.path("pending").asBoolean()) {
            return note;
        }
        ObjectNode shown = note.deepCopy();
        ArrayNode blocks = shown.putArray("blocks");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", SlackLimits.shorten(note.path("text").asText(), SlackLimits.MAX_SECTION_TEXT));
        approvalButtons(blocks.addObject().put("type", "actions").put("block_id", ACTIONS).putArray("elements"), destination, groupKey,
                new PendingApproval(approval.path("playbook").asText(), approval.path("fingerprint").asText()));
        return shown;
    }

    private void approvalButtons(ArrayNode elements, String destination, String groupKey, PendingApproval approval) {
        String run = mapper.createObjectNode().put("destination", destination).put("groupKey", groupKey)
                .put("playbook", approval.playbook()).put("fingerprint", approval.fingerprint()).toString();
        button(elements, SlackButton.APPROVE, SlackLimits.shorten(SlackButton.APPROVE.label() + " " + approval.playbook(), MAX_BUTTON_TEXT), run)
                .put("style", "primary");
        button(elements, SlackButton.SKIP, SlackLimits.shorten(SlackButton.SKIP.label() + " " + approval.playbook(), MAX_BUTTON_TEXT), run)
                .put("style", "danger");
    }

    private static ObjectNode button(ArrayNode elements, SlackButton button, String label, String value) {
        ObjectNode element = elements.addObject().put("type", "button").put("action_id", button.actionId()).put("value", value);
        element.putObject("text").put("type", "plain_text").put("text", label);
        return element;
    }

    /** Which incident a button is about: what its click names ({@link SlackInteractions}). */
    private String buttonValue(String destination, String groupKey) {
        return mapper.createObjectNode().put("destination", destination).put("groupKey", groupKey).toString();
    }

    private SlackThread thread(SlackPost post, String channel, String ts, boolean resolved, State state) {
        try {
            return new SlackThread(post.destination().name(), post.groupKey(), channel, ts, resolved, mapper.writeValueAsString(state));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a Slack thread cannot be written as JSON", e);
        }
    }

    private State state(SlackThread thread) {
        try {
            return mapper.readValue(thread.state(), State.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the Slack thread of " + thread.groupKey() + " at " + thread.destination() + " cannot be read", e);
        }
    }

    private JsonNode tree(String payload) {
        try {
            return mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a Slack message is not JSON", e);
        }
    }
}
