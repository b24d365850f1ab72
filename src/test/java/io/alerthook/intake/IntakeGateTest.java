package io.alerthook.intake;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntakeGateTest {

    private final IntakeGate gate = new IntakeGate(new BearerTokenAuthenticator("t"), 10);

    @Test
    void admitsAnAuthenticatedJsonBodyWithinTheLimit() throws Exception {
        assertThat(gate.admit("Bearer t", "application/json; charset=utf-8", body(10))).hasSize(10);
    }

    @Test
    void checksCredentialsFirst() {
        assertThatThrownBy(() -> gate.admit(null, "text/plain", body(100)))
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> assertThat(e.getStatus()).isEqualTo(401));
    }

    @Test
    void refusesOtherMediaTypes() {
        assertThatThrownBy(() -> gate.admit("Bearer t", "application/x-www-form-urlencoded", body(1)))
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> assertThat(e.getStatus()).isEqualTo(415));
    }

    @Test
    void stopsReadingPastTheSizeLimit() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }
        };

        assertThatThrownBy(() -> gate.admit("Bearer t", "application/json", endless))
                .isInstanceOfSatisfying(RejectedRequestException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(413);
                    assertThat(e.getMessage()).isEqualTo("body is larger than 10 bytes");
                });
    }

    private static InputStream body(int size) {
        return new ByteArrayInputStream(new byte[size]);
    }
}
