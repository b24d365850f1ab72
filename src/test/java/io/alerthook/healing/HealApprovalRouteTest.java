package io.alerthook.healing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.support.Fixtures;
import io.alerthook.support.RunningAlerthook;
import io.alerthook.support.SlackClicks;
import io.alerthook.support.SlackStub.Attempt;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Playbooks with approval: "true", through the running routes and the Slack app's buttons (test-playbooks.camel.yaml):
 * a run waits for Approve, runs a real script once approved, and is skipped when someone presses Skip or nobody answers
 * in time.
 */
class HealApprovalRouteTest extends RunningAlerthook {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final Path RECORDS = Path.of("target/heal-records");

    @Test
    void aRunWaitsForApprovalAndRunsOnceApprovedWithWhoApprovedOnRecord() {
        ObjectNode firing = appAlert("approval-yes", "ApprovalProbe");
        String fingerprint = Fixtures.fingerprint(firing, 0);
        Attempt parent = postParent(firing, "approval-yes");

        JsonNode asking = awaitAsking("approval-yes");
        assertThat(asking.path("text").asText()).isEqualTo(":raised_hand: *approval needed*: `approved` for *ApprovalProbe* `web-app:8000`");
        assertThat(SlackClicks.button(asking, "skip").path("text").path("text").asText()).isEqualTo("Skip approved");
        assertThat(heal(fingerprint)).containsExactly("awaiting-approval");
        assertThat(RECORDS.resolve(fingerprint + ".argv")).as("no run before approval").doesNotExist();

        assertThat(press(asking, "approve", "U0ALICE").statusCode()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> heal(fingerprint).contains("succeeded"));
        assertThat(heal(fingerprint)).containsExactly("awaiting-approval", "approved", "started", "succeeded");
        assertThat(AUDIT.eventsFor(fingerprint, "heal")).filteredOn(event -> event.path("outcome").asText().equals("approved"))
                .singleElement().satisfies(approved -> assertThat(approved.path("slackUser").asText()).isEqualTo("U0ALICE"));
        assertThat(RECORDS.resolve(fingerprint + ".argv")).as("the script ran").exists();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(SLACK.repliesTo(parent.ts())).extracting(Attempt::text)
                .contains(":white_check_mark: approved by @u0alice: `approved`")
                .anyMatch(text -> text.startsWith(":white_check_mark: *healed*: `approved` exited 0")));

        assertThat(press(asking, "skip", "U0ALICE").statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> !SLACK.answersTo("U0ALICE").isEmpty() && SLACK.answersTo("U0ALICE").stream()
                .anyMatch(answer -> answer.text().contains("is not waiting for approval any more")));
        assertThat(heal(fingerprint)).as("decided once").containsExactly("awaiting-approval", "approved", "started", "succeeded");
    }

    @Test
    void aSkippedRunDoesNotRun() {
        ObjectNode firing = appAlert("approval-skip", "ApprovalProbe");
        String fingerprint = Fixtures.fingerprint(firing, 0);
        postParent(firing, "approval-skip");
        JsonNode asking = awaitAsking("approval-skip");

        assertThat(press(asking, "skip", "bob").statusCode()).isEqualTo(200);

        await().atMost(PATIENCE).until(() -> heal(fingerprint).contains("skipped"));
        assertThat(AUDIT.eventsFor(fingerprint, "heal")).extracting(event -> event.path("outcome").asText() + " " + event.path("reason").asText(""))
                .containsExactly("awaiting-approval ", "skipped skipped in Slack by bob");
        assertThat(RECORDS.resolve(fingerprint + ".argv")).doesNotExist();
    }

    @Test
    void aRunNobodyApprovesInTimeIsSkipped() {
        ObjectNode firing = appAlert("approval-late", "ApprovalLapseProbe");
        String fingerprint = Fixtures.fingerprint(firing, 0);
        Attempt parent = postParent(firing, "approval-late");

        await().atMost(PATIENCE).until(() -> heal(fingerprint).contains("skipped"));
        assertThat(heal(fingerprint)).containsExactly("awaiting-approval", "skipped");
        assertThat(AUDIT.eventsFor(fingerprint, "heal").get(1).path("reason").asText()).startsWith("not approved by ");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(SLACK.repliesTo(parent.ts())).extracting(Attempt::text)
                .contains(":hourglass: not approved in time: `unapproved` skipped"));
        assertThat(RECORDS.resolve(fingerprint + ".argv")).doesNotExist();
    }

    private List<String> heal(String fingerprint) {
        return AUDIT.eventsFor(fingerprint, "heal").stream().map(event -> event.path("outcome").asText()).toList();
    }

    /** The message that asks for approval, with its Approve and Skip (their value names the incident, and so the run). */
    private JsonNode awaitAsking(String run) {
        await().atMost(PATIENCE).until(() -> SLACK.postedWith(run).stream().anyMatch(message -> message.payload().toString().contains("\"approve\"")));
        return SLACK.postedWith(run).stream().filter(message -> message.payload().toString().contains("\"approve\"")).findFirst()
                .orElseThrow().payload();
    }
}
