package io.alerthook.healing;

import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.AlertGroup;
import io.alerthook.audit.Outcome;
import io.alerthook.store.file.FileStore;
import io.alerthook.support.JournalStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaybookTest {

    @TempDir
    Path journal;
    private FileStore store;
    private HealingGuard guard;

    @BeforeEach
    void guard() throws Exception {
        store = JournalStores.open(journal.resolve("audit.jsonl"), Clock.systemUTC());
        guard = new HealingGuard(store);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void matchesAlertnameStatusAndLabels() {
        Playbook playbook = loaded(p -> p.setMatchers("job=\"web-app\""));

        assertThat(playbook.matches(event("Application down", "firing", "web-app"))).isTrue();
        assertThat(playbook.matches(event("Application down", "resolved", "web-app"))).isFalse();
        assertThat(playbook.matches(event("Application down", "firing", "db"))).isFalse();
        assertThat(playbook.matches(event("Disk full", "firing", "web-app"))).isFalse();
    }

    @Test
    void startsARunWithItsArgvAndTimeout() {
        Cancellation cancellation = new Cancellation();
        HealRun run = loaded(p -> {
            p.setStatus("any");
            p.setTimeout("2s");
        }).start(event("Application down", "resolved", "web-app"), cancellation);

        assertThat(run.playbook()).isEqualTo("restart");
        assertThat(run.command()).isEqualTo("/bin/true");
        assertThat(run.argv()).containsExactly("web-app");
        assertThat(run.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(run.dryRun()).isFalse();
        assertThat(run.outcome(0)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(run.outcome(1)).isEqualTo(Outcome.FAILED);
        cancellation.cancel();
        assertThat(run.outcome(137)).isEqualTo(Outcome.CANCELLED);
    }

    @Test
    void dryRunsWhenThePlaybookOrTheWholeOfHealingSaysSo() {
        AlertEvent alert = event("Application down", "firing", "web-app");

        assertThat(loaded(p -> p.setDryRun("true")).start(alert, new Cancellation()).dryRun()).isTrue();
        assertThat(loaded(p -> p.setGlobalDryRun("true")).start(alert, new Cancellation()).dryRun()).isTrue();
    }

    @Test
    void registersItsGuardPolicy() {
        loaded(p -> {
            p.setCooldown("10m");
            p.setAttempts("1");
        });

        assertThat(guard.add(HealingGuard.key("restart", "f"))).isTrue();
        guard.confirm(HealingGuard.key("restart", "f"));
        assertThat(guard.admit(HealingGuard.key("restart", "f")).skipReason()).contains("cooldown 10m");
    }

    @Test
    void cancelsItsRunningCommandWhenTheAlertResolvesOnlyIfAskedTo() {
        AlertEvent firing = event("Application down", "firing", "web-app");
        AlertEvent resolved = event("Application down", "resolved", "web-app");

        Playbook keeps = loaded(p -> { });
        Cancellation kept = guard.admit(HealingGuard.key("restart", "f")).cancellation();
        keeps.cancelIfResolved(resolved);
        assertThat(kept.isCancelled()).isFalse();
        guard.confirm(HealingGuard.key("restart", "f"));

        Playbook cancels = loaded(p -> {
            p.setName("restart-cancelling");
            p.setCancelOnResolved("true");
        });
        Cancellation running = guard.admit(HealingGuard.key("restart-cancelling", "f")).cancellation();
        cancels.cancelIfResolved(firing);
        assertThat(running.isCancelled()).isFalse();
        cancels.cancelIfResolved(resolved);
        assertThat(running.isCancelled()).isTrue();
    }

    @Test
    void namesThePlaybookAndTheMistakeWhenItCannotLoad() {
        assertThatThrownBy(() -> loaded(p -> p.setCommand("scripts/nowhere.sh")))
                .hasMessageStartingWith("playbook \"restart\": command ").hasMessageEndingWith("nowhere.sh is not an executable file");
        assertThatThrownBy(() -> loaded(p -> p.setStatus("burning")))
                .hasMessage("playbook \"restart\": status must be firing, resolved or any, got \"burning\"");
        assertThatThrownBy(() -> loaded(p -> p.setMatchers("job")))
                .hasMessageStartingWith("playbook \"restart\": bad label matcher");
        assertThatThrownBy(() -> loaded(p -> p.setName("re start")))
                .hasMessageContaining("name may hold only letters");
        assertThatThrownBy(() -> loaded(p -> p.setAlertname("")))
                .hasMessage("playbook \"restart\": alertname is required");
        assertThatThrownBy(() -> loaded(p -> p.setTimeout("soon")))
                .hasMessage("playbook \"restart\": timeout \"soon\" is not a duration such as 30s, 5m or 1h");
        assertThatThrownBy(() -> loaded(p -> p.setCooldown("5 minutes")))
                .hasMessage("playbook \"restart\": cooldown \"5 minutes\" is not a duration such as 30s, 5m or 1h");
        assertThatThrownBy(() -> loaded(p -> p.setAttemptsWindow("hour")))
                .hasMessageContaining("attemptsWindow \"hour\" is not a duration");
        assertThatThrownBy(() -> loaded(p -> p.setAttempts("0")))
                .hasMessage("playbook \"restart\": attempts must be a whole number of 1 or more, got \"0\"");
        assertThatThrownBy(() -> loaded(p -> p.setConcurrency("many")))
                .hasMessage("playbook \"restart\": concurrency must be a whole number of 1 or more, got \"many\"");
        assertThatThrownBy(() -> loaded(p -> p.setDryRun("yes")))
                .hasMessage("playbook \"restart\": dryRun must be true or false, got \"yes\"");
        assertThatThrownBy(() -> loaded(p -> p.setCancelOnResolved("1")))
                .hasMessage("playbook \"restart\": cancelOnResolved must be true or false, got \"1\"");
    }

    /** A valid playbook for "Application down", changed by {@code change}, then loaded as its template would. */
    private Playbook loaded(Consumer<Playbook> change) {
        Playbook playbook = new Playbook();
        playbook.setName("restart");
        playbook.setAlertname("Application down");
        playbook.setCommand("/bin/true");
        playbook.setArgs("${labels.job}");
        playbook.setGuard(guard);
        change.accept(playbook);
        playbook.init();
        return playbook;
    }

    static AlertEvent event(String alertname, String status, String job) {
        return new AlertEvent(new Alert(status, Map.of("alertname", alertname, "job", job), Map.of(), null, null, null, "f"),
                new AlertGroup("r", "g", status, null, Map.of(), Map.of(), 0, "n"));
    }
}
