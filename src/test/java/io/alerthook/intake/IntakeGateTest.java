package io.alerthook.intake;

import io.alerthook.auth.Authenticator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntakeGateTest {

    private final IntakeGate gate = new IntakeGate(Authenticator.of(List.of("t"), List.of()), 10, Duration.ofSeconds(5));

    @Test
    void admitsAnAuthenticatedJsonBodyWithinTheLimit() throws Exception {
        assertThat(gate.admit("Bearer t", "application/json; charset=utf-8", 10, body(10))).hasSize(10);
        assertThat(gate.admit("Bearer t", "Application/JSON", -1, body(10))).hasSize(10);
    }

    @Test
    void readsABodyWholeHoweverItArrives() throws Exception {
        IntakeGate roomy = new IntakeGate(Authenticator.of(List.of("t"), List.of()), 100_000, Duration.ofSeconds(5));
        String text = "{\"summary\": \"" + "é".repeat(15_000) + "\"}";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThat(roomy.admit("Bearer t", "application/json", bytes.length, trickling(bytes))).as("its length declared").isEqualTo(text);
        assertThat(roomy.admit("Bearer t", "application/json", -1, trickling(bytes))).as("chunked, longer than the first array").isEqualTo(text);
    }

    @Test
    void checksCredentialsBeforeAnythingElse() {
        assertThatThrownBy(() -> gate.admit(null, "text/plain", 100, body(100)))
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> assertThat(e.getStatus()).isEqualTo(401));
    }

    @Test
    void refusesOtherMediaTypes() {
        assertThatThrownBy(() -> gate.admit("Bearer t", "application/x-www-form-urlencoded", 1, body(1)))
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> assertThat(e.getStatus()).isEqualTo(415));
    }

    @Test
    void refusesABodyDeclaredTooLargeWithoutReadingIt() {
        InputStream unreadable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read");
            }
        };

        assertThatThrownBy(() -> gate.admit("Bearer t", "application/json", 11, unreadable))
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> assertThat(e.getStatus()).isEqualTo(413));
    }

    @Test
    void stopsReadingAnUndeclaredBodyPastTheSizeLimit() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }
        };

        assertThatThrownBy(() -> gate.admit("Bearer t", "application/json", -1, endless))
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(413);
                    assertThat(e.getMessage()).isEqualTo("body is larger than 10 bytes (alerthook.intake.max-body-bytes)");
                });
    }

    @Test
    void aBodyThatStopsComingIsARequestTimeout() {
        InputStream stalled = new InputStream() {
            @Override
            public int read() throws SocketTimeoutException {
                throw new SocketTimeoutException("read timed out");
            }
        };

        assertThatThrownBy(() -> gate.admit("Bearer t", "application/json", 5, stalled))
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(408);
                    assertThat(e.getMessage()).isEqualTo("the body was not received within 5000 ms (alerthook.intake.request-timeout)");
                });
    }

    /** The bytes, at most 999 at a time: an odd count, so that two-byte characters are split between reads. */
    private static InputStream trickling(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(length, 999));
            }
        };
    }

    private static InputStream body(int size) {
        return new ByteArrayInputStream(new byte[size]);
    }
}
