package io.alerthook.healing;

import io.alerthook.alert.Alert;
import io.alerthook.alert.AlertEvent;
import io.alerthook.alert.AlertGroup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaybookTest {

    @Test
    void matchesAlertnameStatusAndLabels() {
        Playbook playbook = playbook("restart", "Application down", "firing", "job=\"web-app\"", "/bin/true", "30s");

        assertThat(playbook.matches(event("Application down", "firing", "web-app"))).isTrue();
        assertThat(playbook.matches(event("Application down", "resolved", "web-app"))).isFalse();
        assertThat(playbook.matches(event("Application down", "firing", "db"))).isFalse();
        assertThat(playbook.matches(event("Disk full", "firing", "web-app"))).isFalse();
    }

    @Test
    void startsARunWithItsArgvAndTimeout() {
        HealRun run = playbook("restart", "Application down", "any", "", "/bin/true", "2s").start(event("Application down", "resolved", "web-app"));

        assertThat(run.playbook()).isEqualTo("restart");
        assertThat(run.argv()).containsExactly("web-app");
        assertThat(run.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(run.outcome(0)).isEqualTo("succeeded");
        assertThat(run.outcome(1)).isEqualTo("failed");
    }

    @Test
    void namesThePlaybookAndTheMistakeWhenItCannotLoad() {
        assertThatThrownBy(() -> playbook("restart", "A", "firing", "", "scripts/nowhere.sh", "30s"))
                .hasMessageStartingWith("playbook \"restart\": command ").hasMessageEndingWith("nowhere.sh is not an executable file");
        assertThatThrownBy(() -> playbook("restart", "A", "burning", "", "/bin/true", "30s"))
                .hasMessage("playbook \"restart\": status must be firing, resolved or any, got \"burning\"");
        assertThatThrownBy(() -> playbook("restart", "A", "firing", "job", "/bin/true", "30s"))
                .hasMessageStartingWith("playbook \"restart\": bad label matcher");
        assertThatThrownBy(() -> playbook("re start", "A", "firing", "", "/bin/true", "30s"))
                .hasMessageContaining("name may hold only letters");
        assertThatThrownBy(() -> playbook("restart", "", "firing", "", "/bin/true", "30s"))
                .hasMessage("playbook \"restart\": alertname is required");
        assertThatThrownBy(() -> playbook("restart", "A", "firing", "", "/bin/true", "soon"))
                .hasMessageStartingWith("playbook \"restart\": ");
    }

    private static Playbook playbook(String name, String alertname, String status, String matchers, String command, String timeout) {
        Playbook playbook = new Playbook();
        playbook.setName(name);
        playbook.setAlertname(alertname);
        playbook.setStatus(status);
        playbook.setMatchers(matchers);
        playbook.setCommand(command);
        playbook.setArgs("${labels.job}");
        playbook.setTimeout(timeout);
        playbook.init();
        return playbook;
    }

    private static AlertEvent event(String alertname, String status, String job) {
        return new AlertEvent(new Alert(status, Map.of("alertname", alertname, "job", job), Map.of(), null, null, null, "f"),
                new AlertGroup("r", "g", status, null, Map.of(), Map.of(), 0));
    }
}
