package io.alerthook.alert;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelMatcherTest {

    private static final Map<String, String> LABELS = Map.of("job", "web-app", "instance", "web-1:8000", "env", "prod");

    @Test
    void matchesLikeAlertmanager() {
        assertThat(all("job=\"web-app\", instance=~\"web-.*\"")).isTrue();
        assertThat(all("job!=\"db\",env!~\"dev|test\"")).isTrue();
        assertThat(all("job=web-app")).isTrue();
        assertThat(all("instance=~\"web\"")).as("regexes are anchored").isFalse();
        assertThat(all("team=\"\"")).as("a missing label is empty").isTrue();
        assertThat(all("job=\"db\"")).isFalse();
    }

    @Test
    void keepsCommasAndEscapedQuotesInsideQuotedValues() {
        List<LabelMatcher> matchers = LabelMatcher.parseAll("msg=\"a, \\\"b\\\"\", job=\"x\"");

        assertThat(matchers).extracting(LabelMatcher::value).containsExactly("a, \"b\"", "x");
    }

    @Test
    void rejectsWhatIsNotAMatcher() {
        assertThatThrownBy(() -> LabelMatcher.parseAll("job"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad label matcher at \"job\"");
    }

    private static boolean all(String matchers) {
        return LabelMatcher.parseAll(matchers).stream().allMatch(matcher -> matcher.matches(LABELS));
    }
}
