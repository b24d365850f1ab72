package io.alerthook.intake;

import io.alerthook.support.SteppingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateNotificationsTest {

    private final SteppingClock clock = new SteppingClock();
    private final DuplicateNotifications duplicates = new DuplicateNotifications(Duration.ofMinutes(5), 3, clock);

    @Test
    void aKeySeenWithinTheWindowIsADuplicateAndAfterItNot() {
        assertThat(duplicates.add("a")).isTrue();
        clock.advance(Duration.ofMinutes(4));
        assertThat(duplicates.add("a")).as("an HA peer's copy, a retry").isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(duplicates.add("a")).as("Alertmanager's repeat after repeat_interval").isTrue();
    }

    @Test
    void keepsNoMoreThanItsMaximumForgettingTheOldestFirst() {
        duplicates.add("a");
        duplicates.add("b");
        duplicates.add("c");
        duplicates.add("d");

        assertThat(duplicates.contains("a")).isFalse();
        assertThat(duplicates.contains("b")).isTrue();
        assertThat(duplicates.contains("d")).isTrue();
    }

    @Test
    void remembersKeysFromTheJournalOnlyIfStillInsideTheWindow() {
        clock.advance(Duration.ofHours(1));
        duplicates.remember("recent", clock.instant().minus(Duration.ofMinutes(1)));
        duplicates.remember("old", clock.instant().minus(Duration.ofMinutes(6)));

        assertThat(duplicates.add("recent")).isFalse();
        assertThat(duplicates.add("old")).isTrue();
    }

    @Test
    void aRemovedKeyIsNoDuplicateSoAFailedNotificationCanBeRetried() {
        duplicates.add("a");
        duplicates.remove("a");

        assertThat(duplicates.add("a")).isTrue();
    }
}
