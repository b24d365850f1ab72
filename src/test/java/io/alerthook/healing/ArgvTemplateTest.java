package io.alerthook.healing;

import io.alerthook.alert.Alert;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgvTemplateTest {

    private static final Alert ALERT = new Alert("firing",
            Map.of("alertname", "HighLatency", "instance", "node-1:9100", "path", "/api/v1/$(touch /tmp/pwned); rm -rf ~",
                    "cmd", "`id`", "semi", "a;b", "opt", "--help", "spaced", "two words"),
            Map.of("title", "Latency high on node-1 🚨"), null, null, null, "5298d6592a2412e4");

    @Test
    void fillsEachReferenceInsideExactlyOneArgument() {
        ArgvTemplate template = new ArgvTemplate(
                "restart --instance=${labels.instance} \"a quoted word\" -- ${labels.path} ${labels.cmd} ${labels.semi} "
                        + "${labels.opt} ${labels.spaced} ${annotations.title} ${alertname}/${fingerprint} ${status} ${severity} ${labels.missing}");

        assertThat(template.render(ALERT)).containsExactly("restart", "--instance=node-1:9100", "a quoted word", "--",
                "/api/v1/$(touch /tmp/pwned); rm -rf ~", "`id`", "a;b", "--help", "two words", "Latency high on node-1 🚨",
                "HighLatency/5298d6592a2412e4", "firing", "none", "");
    }

    @Test
    void refusesABareValueThatWouldBeReadAsAnOption() {
        ArgvTemplate template = new ArgvTemplate("restart ${labels.opt}");

        assertThatThrownBy(() -> template.render(ALERT)).isInstanceOf(UnsafeArgumentException.class)
                .hasMessageContaining("${labels.opt}").hasMessageContaining("starts with '-'");
    }

    @Test
    void aValueInsideAnOptionTheAuthorWroteIsSafe() {
        assertThat(new ArgvTemplate("--flag=${labels.opt}").render(ALERT)).containsExactly("--flag=--help");
    }

    @Test
    void noArgumentsIsAnEmptyArgv() {
        assertThat(new ArgvTemplate("").render(ALERT)).isEmpty();
    }

    @Test
    void unknownReferencesFailWhenThePlaybookLoads() {
        assertThatThrownBy(() -> new ArgvTemplate("${label.instance}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown reference ${label.instance}");
    }
}
