package io.alerthook.slack;

import com.slack.api.app_backend.SlackSignature;
import io.alerthook.intake.RejectedRequestException;
import io.alerthook.support.SteppingClock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only what Slack signed with the app's secret, within 5 minutes, and once, gets through. */
class SlackRequestVerifierTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String BODY = "payload=%7B%22type%22%3A%22block_actions%22%7D";

    private final SteppingClock clock = new SteppingClock();
    private final SlackRequestVerifier verifier = new SlackRequestVerifier(SECRET, clock);

    SlackRequestVerifierTest() {
        clock.advance(Duration.between(Instant.EPOCH, Instant.parse("2026-11-27T10:00:00Z")));
    }

    @Test
    void takesARequestSlackSignedJustNow() {
        String timestamp = seconds(clock.instant());

        assertThatCode(() -> verifier.verify(timestamp, sign(SECRET, timestamp, BODY), BODY)).doesNotThrowAnyException();
    }

    @Test
    void refusesABadSignatureAStaleTimestampAndAReplay() {
        String now = seconds(clock.instant());
        assertRefused(() -> verifier.verify(now, sign("another-secret", now, BODY), BODY), "the signature does not match the body");
        assertRefused(() -> verifier.verify(now, sign(SECRET, now, BODY), BODY + "&more=1"), "the signature does not match the body");

        String stale = seconds(clock.instant().minus(Duration.ofMinutes(5).plusSeconds(1)));
        assertRefused(() -> verifier.verify(stale, sign(SECRET, stale, BODY), BODY), "the request was signed more than 5 minutes from now");

        String signature = sign(SECRET, now, BODY);
        verifier.verify(now, signature, BODY);
        clock.advance(Duration.ofSeconds(30));
        assertRefused(() -> verifier.verify(now, signature, BODY), "the same signed request came before: a replay");
    }

    @Test
    void refusesWhatIsNotSignedAndEverythingWithoutASecret() {
        assertRefused(() -> verifier.verify(null, null, BODY), "the request is not signed");
        assertRefused(() -> verifier.verify("yesterday", "v0=00", BODY), "X-Slack-Request-Timestamp is not a time in seconds");
        String now = seconds(clock.instant());
        assertRefused(() -> new SlackRequestVerifier("", clock).verify(now, sign(SECRET, now, BODY), BODY),
                "alerthook.slack.signing-secret is not set");
    }

    private static void assertRefused(ThrowingCallable request, String why) {
        assertThatThrownBy(request).isInstanceOfSatisfying(RejectedRequestException.class, refused -> {
            assertThat(refused.getStatus()).isEqualTo(401);
            assertThat(refused.getMessage()).startsWith(why);
        });
    }

    private static String seconds(Instant instant) {
        return Long.toString(instant.getEpochSecond());
    }

    /** As Slack signs: the SDK's generator, which the tests of the SDK check against Slack's documented example. */
    static String sign(String secret, String timestamp, String body) {
        return new SlackSignature.Generator(secret).generate(timestamp, body);
    }
}
