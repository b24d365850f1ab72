package io.alerthook.slack;

import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.AlertGroup;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlackCoalescingTest {

    private final SlackCoalescing coalescing = new SlackCoalescing();

    @Test
    void onlyTheNewestWaitingMessageOfAGroupGoesOut() {
        SlackPost first = post("alerts", "group-a", "1");
        SlackPost second = post("alerts", "group-a", "2");
        SlackPost other = post("alerts", "group-b", "1");
        List.of(first, other, second).forEach(coalescing::queued);

        assertThat(coalescing.isSuperseded(first)).isTrue();
        assertThat(coalescing.isSuperseded(other)).isFalse();
        assertThat(coalescing.isSuperseded(second)).isFalse();
    }

    @Test
    void aMessageThatCouldNotBeQueuedSupersedesNothing() {
        SlackPost waiting = post("alerts", "group-a", "1");
        SlackPost dropped = post("alerts", "group-a", "2");
        coalescing.queued(waiting);
        coalescing.queued(dropped);
        coalescing.notQueued(dropped);

        assertThat(coalescing.isSuperseded(waiting)).isFalse();
    }

    @Test
    void healReportsAreNeverCoalesced() {
        SlackPost first = post("heal-report", "group-a", "1");
        SlackPost second = post("heal-report", "group-a", "2");
        coalescing.queued(first);
        coalescing.queued(second);

        assertThat(coalescing.isSuperseded(first)).isFalse();
    }

    private static SlackPost post(String kind, String groupKey, String text) {
        AlertEvent alert = new AlertEvent(new Alert("firing", Map.of("alertname", "A"), Map.of(), null, null, null, "f"),
                new AlertGroup("r", groupKey, "firing", null, Map.of(), Map.of(), 0, "n"));
        return new SlackPost(kind, SlackSettings.destinations().of(alert), "{\"text\":\"" + text + "\"}", List.of(alert), Instant.EPOCH);
    }
}
