package io.alerthook.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.Fixtures;
import com.slack.api.app_backend.SlackSignature;
import io.alerthook.support.RunningAlerthook;
import io.alerthook.support.SlackClicks;
import io.alerthook.support.SlackStub.Answer;
import io.alerthook.support.SlackStub.Attempt;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts labelled {@code slack="app"} go to a destination that posts as a Slack app (the bot token), through the
 * running routes, against the stub's Web API: one thread per incident, the parent brought up to date in place.
 */
class SlackAppRouteTest extends RunningAlerthook {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Test
    void firingThenHealedThenResolvedIsOneThreadWhoseParentEndsResolved() {
        ObjectNode firing = appAlert("app-thread", "ThreadProbe");

        assertThat(webhook().post(Fixtures.json(firing)).statusCode()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> updatesWith("app-thread").stream().anyMatch(update -> update.text().contains("*healed*")));
        List<Attempt> posted = SLACK.postedWith("app-thread");
        Attempt parent = posted.get(0);
        assertThat(parent.argument("channel")).isEqualTo(APP_CHANNEL);
        assertThat(parent.argument("thread_ts")).isNull();
        assertThat(parent.text()).contains("[FIRING:1] ThreadProbe");
        assertThat(posted).hasSize(2);
        assertThat(posted.get(1).argument("thread_ts")).isEqualTo(parent.ts());
        assertThat(posted.get(1).text()).startsWith(":white_check_mark: *healed*: `threaded` exited 0");

        assertThat(webhook().post(Fixtures.json(resolved(firing))).statusCode()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> updatesWith("app-thread").stream().anyMatch(update -> update.text().contains("[RESOLVED]")));
        assertThat(SLACK.postedWith("app-thread")).hasSize(3).last().satisfies(reply -> {
            assertThat(reply.argument("thread_ts")).isEqualTo(parent.ts());
            assertThat(reply.text()).contains("[RESOLVED] ThreadProbe");
        });
        Attempt last = updatesWith("app-thread").get(updatesWith("app-thread").size() - 1);
        assertThat(last.argument("ts")).isEqualTo(parent.ts());
        assertThat(last.text()).contains("[RESOLVED] ThreadProbe").contains("*healed*: `threaded`").doesNotContain("FIRING");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(AUDIT.slackEventsFor(Fixtures.fingerprint(firing, 0), "alerts"))
                .extracting(event -> event.get("outcome").asText() + "/" + event.get("slackDestination").asText())
                .containsExactly("sent/app", "sent/app"));
    }

    @Test
    void aRateLimitedUpdateWaitsAsLongAsSlackAskedAndPostsNoReplyTwice() {
        SLACK.answerNext("chat.update", "app-429", Answer.rateLimited("1"));
        ObjectNode first = appAlert("app-429", "AppThreadRateLimit");
        assertThat(webhook().post(Fixtures.json(first)).statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> SLACK.postedWith("app-429").size() == 1);

        ObjectNode second = first.deepCopy();
        ObjectNode another = (ObjectNode) first.get("alerts").get(0).deepCopy();
        ((ArrayNode) second.get("alerts")).add(another);
        another.put("fingerprint", "another-" + Fixtures.fingerprint(first, 0));
        ((ObjectNode) another.get("labels")).put("instance", "web-2:8000");
        assertThat(webhook().post(Fixtures.json(second)).statusCode()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> updatesWith("app-429").stream().anyMatch(update -> update.status() == 200));
        List<Attempt> updates = updatesWith("app-429");
        assertThat(updates).extracting(Attempt::status).containsExactly(429, 200);
        assertThat(Duration.between(updates.get(0).at(), updates.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(updates.get(1).text()).contains("[FIRING:2] AppThreadRateLimit");
        assertThat(SLACK.postedWith("app-429")).hasSize(2).last()
                .satisfies(reply -> assertThat(reply.text()).contains("• *instance:* `web-2:8000`").doesNotContain("• *instance:* `web-app:8000`"));
    }

    @Test
    void aSignedAcknowledgeNotesWhoInTheThreadAndOnTheParent() {
        ObjectNode firing = appAlert("app-ack", "AppAckProbe");
        Attempt parent = postParent(firing, "app-ack");

        assertThat(press(parent.payload(), "acknowledge", "U0ALICE").statusCode()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> updatesWith("app-ack").stream().anyMatch(update -> update.text().contains("acknowledged by @u0alice")));
        assertThat(SLACK.repliesTo(parent.ts())).extracting(Attempt::text).containsExactly(":eyes: acknowledged by @u0alice");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(AUDIT.eventsFor(Fixtures.fingerprint(firing, 0), "slack-action"))
                .extracting(event -> event.get("outcome").asText() + " " + event.get("action").asText() + " by " + event.get("slackUser").asText())
                .containsExactly("acknowledged acknowledge by U0ALICE"));
    }

    @Test
    void aForgedAStaleAndAReplayedPressAreRefusedAndChangeNothing() {
        ObjectNode firing = appAlert("app-forged", "AppForgedProbe");
        Attempt parent = postParent(firing, "app-forged");
        String form = SlackClicks.form(SlackClicks.button(parent.payload(), "acknowledge"), "U0ALICE", SLACK.responseUrl("U0ALICE"));
        Instant now = Instant.now();

        assertRefused(SlackClicks.post(port(), form, "not-the-signing-secret", now), "the signature does not match the body");
        assertRefused(SlackClicks.post(port(), form, SlackClicks.SIGNING_SECRET, now.minus(Duration.ofMinutes(6))),
                "the request was signed more than 5 minutes from now");
        String timestamp = Long.toString(now.getEpochSecond());
        String signature = new SlackSignature.Generator(SlackClicks.SIGNING_SECRET).generate(timestamp, form);
        assertThat(SlackClicks.post(port(), form, timestamp, signature).statusCode()).isEqualTo(200);
        assertRefused(SlackClicks.post(port(), form, timestamp, signature), "the same signed request came before: a replay");

        await().atMost(PATIENCE).until(() -> !updatesWith("app-forged").isEmpty());
        assertThat(AUDIT.eventsFor(Fixtures.fingerprint(firing, 0), "slack-action")).as("one press taken").hasSize(1);
        assertThat(SLACK.repliesTo(parent.ts())).as("one note").hasSize(1);
    }

    @Test
    void someoneNotAllowedIsToldSoAloneAndChangesNothing() {
        ObjectNode firing = appAlert("app-denied", "AppDeniedProbe");
        Attempt parent = postParent(firing, "app-denied");

        assertThat(press(parent.payload(), "silence-1h", "U0MALLORY").statusCode()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> !SLACK.answersTo("U0MALLORY").isEmpty());
        Attempt answer = SLACK.answersTo("U0MALLORY").get(0);
        assertThat(answer.argument("response_type")).isEqualTo("ephemeral");
        assertThat(answer.text()).isEqualTo("You are not allowed to silence 1h alerts here (alerthook.slack.allowed-users).");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(AUDIT.eventsFor(Fixtures.fingerprint(firing, 0), "slack-action"))
                .extracting(event -> event.get("outcome").asText() + " by " + event.get("slackUser").asText()).containsExactly("refused by U0MALLORY"));
        assertThat(SLACK.repliesTo(parent.ts())).isEmpty();
        assertThat(updatesWith("app-denied")).isEmpty();
    }

    @Test
    void aSignedRequestThatIsNoButtonPressIsA400SayingWhy() {
        HttpResponse<String> view = SlackClicks.post(port(), "payload=" + URLEncoder.encode("{\"type\":\"view_submission\"}", StandardCharsets.UTF_8),
                SlackClicks.SIGNING_SECRET, Instant.now());
        assertThat(view.statusCode()).isEqualTo(400);
        assertThat(view.body()).contains("alerthook takes button presses (type block_actions), not view_submission");

        HttpResponse<String> noForm = SlackClicks.post(port(), "{\"type\":\"block_actions\"}", SlackClicks.SIGNING_SECRET, Instant.now());
        assertThat(noForm.statusCode()).isEqualTo(400);
        assertThat(noForm.body()).contains("a Slack interaction is a form with a payload field");
    }



    private static void assertRefused(HttpResponse<String> response, String why) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains(why);
    }

    private static List<Attempt> updatesWith(String marker) {
        return SLACK.callsWith("chat.update", marker);
    }


    private static ObjectNode resolved(ObjectNode firing) {
        ObjectNode resolved = firing.deepCopy().put("status", "resolved");
        ((ObjectNode) resolved.get("alerts").get(0)).put("status", "resolved").put("endsAt", "2026-11-27T10:05:00Z");
        return resolved;
    }
}
