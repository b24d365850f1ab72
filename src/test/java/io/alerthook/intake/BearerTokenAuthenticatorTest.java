package io.alerthook.intake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokenAuthenticatorTest {

    private final BearerTokenAuthenticator authenticator = new BearerTokenAuthenticator("s3cret-token");

    @Test
    void acceptsTheConfiguredBearerTokenAsAlertmanagerSendsIt() {
        assertThat(authenticator.accepts("Bearer s3cret-token")).isTrue();
        assertThat(authenticator.accepts("bearer s3cret-token")).isTrue();
    }

    @Test
    void refusesMissingWrongAndOtherSchemeCredentials() {
        assertThat(authenticator.accepts(null)).isFalse();
        assertThat(authenticator.accepts("Bearer s3cret")).isFalse();
        assertThat(authenticator.accepts("Bearer s3cret-token-and-more")).isFalse();
        assertThat(authenticator.accepts("Basic s3cret-token")).isFalse();
        assertThat(authenticator.accepts("s3cret-token")).isFalse();
    }

    @Test
    void anEmptyTokenTurnsAuthenticationOff() {
        BearerTokenAuthenticator off = new BearerTokenAuthenticator("");

        assertThat(off.isEnabled()).isFalse();
        assertThat(off.accepts(null)).isTrue();
    }
}
