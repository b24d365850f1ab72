package io.alerthook.store.file;

import io.alerthook.support.SteppingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateWindowTest {

    private final SteppingClock clock = new SteppingClock();
    private final DuplicateWindow window = new DuplicateWindow(Duration.ofMinutes(5), 3, clock);

    @Test
    void aKeySeenWithinTheWindowIsADuplicateAndAfterItNot() {
        assertThat(window.keep("a")).isTrue();
        clock.advance(Duration.ofMinutes(4));
        assertThat(window.keep("a")).as("an HA peer's copy, a retry").isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(window.keep("a")).as("Alertmanager's repeat after repeat_interval").isTrue();
    }

    @Test
    void keepsNoMoreThanItsMaximumForgettingTheOldestFirst() {
        window.keep("a");
        window.keep("b");
        window.keep("c");
        window.keep("d");

        assertThat(window.keep("a")).isTrue();
        assertThat(window.keep("d")).isFalse();
    }

    @Test
    void remembersKeysFromTheJournalOnlyIfStillInsideTheWindow() {
        clock.advance(Duration.ofHours(1));
        window.remember("recent", clock.instant().minus(Duration.ofMinutes(1)));
        window.remember("old", clock.instant().minus(Duration.ofMinutes(6)));

        assertThat(window.keep("recent")).isFalse();
        assertThat(window.keep("old")).isTrue();
    }
}
