package io.alerthook.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start refused for its credentials says why in Spring Boot's short "APPLICATION FAILED TO START" form, not a stack trace. */
public final class InvalidCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCredentialsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidCredentialsException cause) {
        return new FailureAnalysis("alerthook's credentials cannot be used: " + cause.getMessage(),
                "Fix the setting named above (README: Authentication and TLS).", cause);
    }
}
