package io.alerthook.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.AlerthookProperties;
import io.alerthook.AlerthookProperties.Slack.ThreadMode;
import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.AlertGroup;
import io.alerthook.audit.AuditEvent;
import io.alerthook.audit.Event;
import io.alerthook.audit.Outcome;
import io.alerthook.healing.HealApprovals;
import io.alerthook.store.Approval;
import io.alerthook.store.file.FileStore;
import io.alerthook.support.JournalStores;
import io.alerthook.support.SlackClicks;
import io.alerthook.support.SlackStub;
import io.alerthook.support.SlackStub.Attempt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One thread per incident, as a Slack app, against the Web API stub through the Slack SDK, with a file store that is
 * opened again as after a restart. Messages are delivered as the outbox route delivers them: sent, done with the thread
 * they left, then the parent's update if they made one.
 */
class SlackThreadsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
    private static final String CHANNEL = "#incidents";

    private final SlackStub slack = new SlackStub();
    private final SlackDestinations destinations = new SlackDestinations(SlackSettings.app("", CHANNEL));
    private final SlackMessageFormatter formatter = new SlackMessageFormatter(destinations, new SlackTemplate(""), 20);
    private final HealReportFormatter reports = new HealReportFormatter(destinations);

    @TempDir
    Path dir;
    private FileStore store;

    @AfterEach
    void stop() throws Exception {
        slack.close();
        if (store != null) {
            store.close();
        }
    }

    @Test
    void anIncidentIsOneThreadWhoseParentEndsResolved() throws Exception {
        SlackThreads threads = threads(ThreadMode.BOTH);
        AlertEvent web1 = alert("firing", "web-1", "f1");

        deliver(threads, formatter.messages(List.of(web1)));
        Attempt parent = only(slack.postedWith("incident-1"));
        assertThat(parent.argument("channel")).isEqualTo(CHANNEL);
        assertThat(parent.argument("thread_ts")).isNull();
        assertThat(parent.text()).contains("[FIRING:1] Application down");
        assertThat(parent.payload().at("/attachments/0/fallback").asText()).as("where the attachment cannot be shown")
                .isEqualTo(parent.argument("text"));

        deliver(threads, formatter.messages(List.of(web1, alert("firing", "web-2", "f2"))));
        deliver(threads, reports.format(web1, healed(web1), null));
        deliver(threads, formatter.messages(List.of(alert("resolved", "web-1", "f1"), alert("resolved", "web-2", "f2"))));

        List<Attempt> posted = slack.postedWith("incident-1");
        assertThat(posted).hasSize(4);
        assertThat(posted.subList(1, 4)).allSatisfy(reply -> {
            assertThat(reply.argument("thread_ts")).isEqualTo(parent.ts());
            assertThat(reply.argument("channel")).as("the channel's ID, as Slack answered the parent").isEqualTo("C0000000001");
        });
        assertThat(posted.get(1).text()).as("only what changed").contains("[FIRING:1]").contains("web-2").doesNotContain("web-1");
        assertThat(posted.get(2).text()).startsWith(":white_check_mark: *healed*: `restart-web-app`");
        assertThat(posted.get(3).text()).contains("[RESOLVED] Application down").contains("web-1").contains("web-2");

        List<Attempt> updates = slack.callsWith("chat.update", "incident-1");
        assertThat(updates).hasSize(3).allSatisfy(update -> assertThat(update.argument("ts")).isEqualTo(parent.ts()));
        assertThat(updates.get(0).text()).contains("[FIRING:2] Application down");
        assertThat(updates.get(1).text()).contains("[FIRING:2] Application down").contains(":white_check_mark: *healed*: `restart-web-app`");
        assertThat(updates.get(2).text()).contains("[RESOLVED] Application down").contains("*healed*")
                .doesNotContain("FIRING");
        assertThat(updates.get(2).payload().at("/attachments/0/color").asText()).isEqualTo("#2EB67D");

        deliver(threads, formatter.messages(List.of(alert("firing", "web-1", "f1"))));
        assertThat(slack.postedWith("incident-1")).hasSize(5).last()
                .satisfies(again -> assertThat(again.argument("thread_ts")).as("a new incident: a new parent").isNull());
    }

    @Test
    void aRestartedAlerthookGoesOnInTheSameThread() throws Exception {
        AlertEvent web1 = alert("firing", "web-1", "f1");
        deliver(threads(ThreadMode.BOTH), formatter.messages(List.of(web1)));
        String parent = only(slack.postedWith("incident-1")).ts();
        store.close();
        store = null;

        deliver(threads(ThreadMode.BOTH), formatter.messages(List.of(alert("resolved", "web-1", "f1"))));

        assertThat(slack.postedWith("incident-1")).hasSize(2).last()
                .satisfies(reply -> assertThat(reply.argument("thread_ts")).isEqualTo(parent));
        assertThat(only(slack.callsWith("chat.update", "incident-1")).text()).contains("[RESOLVED]");
    }

    @Test
    void repliesOnlyOrUpdatesOnlyAsChosen() throws Exception {
        SlackThreads replies = threads(ThreadMode.REPLIES);
        deliver(replies, formatter.messages(List.of(alert("firing", "web-1", "f1"))));
        deliver(replies, formatter.messages(List.of(alert("resolved", "web-1", "f1"))));
        assertThat(slack.postedWith("incident-1")).hasSize(2);
        assertThat(slack.callsWith("chat.update", "incident-1")).isEmpty();

        SlackThreads updates = threads(ThreadMode.UPDATE);
        AlertEvent other = alert("firing", "db-1", "f3", "incident-2");
        deliver(updates, formatter.messages(List.of(other)));
        deliver(updates, formatter.messages(List.of(other)));
        deliver(updates, reports.format(other, healed(other), null));
        deliver(updates, formatter.messages(List.of(alert("resolved", "db-1", "f3", "incident-2"))));
        assertThat(slack.postedWith("incident-2")).hasSize(1);
        assertThat(slack.callsWith("chat.update", "incident-2")).as("none for the repeat that changed nothing").hasSize(2)
                .last().satisfies(update -> assertThat(update.text()).contains("[RESOLVED]").contains("*healed*"));
    }

    @Test
    void aHealReportWithoutAnIncidentThreadGoesToTheChannel() throws Exception {
        AlertEvent web1 = alert("firing", "web-1", "f1");

        deliver(threads(ThreadMode.BOTH), reports.format(web1, healed(web1), null));

        assertThat(only(slack.postedWith("restart-web-app")).argument("thread_ts")).isNull();
        assertThat(slack.callsWith("chat.update", "restart-web-app")).isEmpty();
    }

    @Test
    void theParentHasTheButtonsWhileTheIncidentLasts() throws Exception {
        SlackThreads threads = threads(ThreadMode.BOTH, true);

        deliver(threads, formatter.messages(List.of(alert("firing", "web-1", "f1"))));
        JsonNode parent = only(slack.postedWith("incident-1")).payload();
        JsonNode actions = parent.at("/attachments/0/blocks").get(parent.at("/attachments/0/blocks").size() - 1);
        assertThat(actions.path("type").asText()).isEqualTo("actions");
        assertThat(actions.path("elements")).extracting(button -> button.path("action_id").asText())
                .containsExactly("acknowledge", "silence-1h", "silence-4h", "silence-24h");
        assertThat(MAPPER.readTree(actions.path("elements").get(0).path("value").asText()))
                .isEqualTo(MAPPER.createObjectNode().put("destination", "default").put("groupKey", "{}:{alertname=\"Application down\"}:incident-1"));

        deliver(threads, formatter.messages(List.of(alert("resolved", "web-1", "f1"))));
        assertThat(only(slack.callsWith("chat.update", "incident-1")).payload().toString()).as("resolved: nothing to press")
                .doesNotContain("\"actions\"");
    }

    @Test
    void aRunWaitingForApprovalHasApproveAndSkipOnItsNoteAndOnTheParentUntilDecided() throws Exception {
        SlackThreads threads = threads(ThreadMode.BOTH, true);
        AlertEvent web1 = alert("firing", "web-1", "f1");
        SlackApprovals approvals = new SlackApprovals(destinations, new HealApprovals(store, MAPPER, Clock.systemUTC()));
        deliver(threads, formatter.messages(List.of(web1)));
        String parent = only(slack.postedWith("incident-1")).ts();

        deliver(threads, approvals.asked(web1, "failover"));

        Attempt asking = only(slack.repliesTo(parent));
        assertThat(asking.argument("text")).isEqualTo(":raised_hand: *approval needed*: `failover` for *Application down* `web-1`");
        JsonNode approve = SlackClicks.button(asking.payload(), "approve");
        assertThat(approve.path("text").path("text").asText()).isEqualTo("Approve failover");
        assertThat(MAPPER.readTree(approve.path("value").asText()).path("playbook").asText()).isEqualTo("failover");
        assertThat(MAPPER.readTree(approve.path("value").asText()).path("fingerprint").asText()).isEqualTo("f1");
        JsonNode shown = only(slack.callsWith("chat.update", "incident-1")).payload();
        assertThat(SlackClicks.button(shown, "skip").path("text").path("text").asText()).isEqualTo("Skip failover");
        assertThat(shown.toString()).contains("approval needed");

        deliver(threads, approvals.decided(new Approval("failover", "f1", Instant.now(), MAPPER.writeValueAsString(web1)), true, "alice"));

        assertThat(slack.repliesTo(parent)).last().satisfies(note -> {
            assertThat(note.text()).isEqualTo(":white_check_mark: approved by @alice: `failover`");
            assertThat(note.payload().has("blocks")).as("nothing to press").isFalse();
        });
        assertThat(slack.callsWith("chat.update", "incident-1")).last()
                .satisfies(update -> assertThat(update.payload().toString()).doesNotContain("\"approve\"").contains("approved by @alice"));
    }

    /** As routes/slack.camel.yaml's outbox route delivers a message. */
    private void deliver(SlackThreads threads, List<SlackPost> posts) throws Exception {
        for (SlackPost post : posts) {
            deliver(threads, post);
        }
    }

    private void deliver(SlackThreads threads, SlackPost post) throws Exception {
        SlackPost sent = threads.send(formatter.rendered(post));
        store.done(SlackOutboxes.entry(sent), List.of(AuditEvent.of(Event.SLACK, Outcome.SENT, sent.alerts().get(0))), sent.thread());
        if (threads.updatesParent(sent)) {
            deliver(threads, threads.parentUpdate(sent));
        }
    }

    private SlackThreads threads(ThreadMode mode) throws Exception {
        return threads(mode, false);
    }

    private SlackThreads threads(ThreadMode mode, boolean buttons) throws Exception {
        if (store == null) {
            store = JournalStores.open(dir.resolve("audit.jsonl"), Clock.systemUTC());
        }
        SlackPacing unpaced = new SlackPacing(Duration.ZERO, Clock.systemUTC(), new SlackPacing.SharedTurns() {
            @Override
            public Duration wait(String senderId) {
                return Duration.ZERO;
            }

            @Override
            public void hold(String senderId, Duration hold) {
            }
        });
        return new SlackThreads(store, new SlackApi(SlackSdk.connect(slack.apiUrl(), Duration.ofSeconds(5)), Clock.systemUTC()), unpaced, unpaced,
                formatter::fitted, mode, buttons, MAPPER);
    }

    private static Attempt only(List<Attempt> attempts) {
        assertThat(attempts).hasSize(1);
        return attempts.get(0);
    }

    private static AuditEvent healed(AlertEvent alert) {
        return AuditEvent.of(Event.HEAL, Outcome.SUCCEEDED, alert).with("playbook", "restart-web-app").with("exitCode", 0)
                .with("durationMs", 1200);
    }

    private static AlertEvent alert(String status, String instance, String fingerprint) {
        return alert(status, instance, fingerprint, "incident-1");
    }

    private static AlertEvent alert(String status, String instance, String fingerprint, String incident) {
        return new AlertEvent(new Alert(status, Map.of("alertname", "Application down", "instance", instance, "severity", "critical",
                "incident", incident), Map.of("title", "App is down on " + instance), "2026-11-27T10:00:00Z", "0001-01-01T00:00:00Z",
                null, fingerprint), new AlertGroup("alerthook", "{}:{alertname=\"Application down\"}:" + incident, status,
                "http://alertmanager:9093", Map.of("alertname", "Application down"), Map.of(), 0, "n-" + incident));
    }
}
