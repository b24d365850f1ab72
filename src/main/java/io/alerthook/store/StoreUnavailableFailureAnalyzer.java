package io.alerthook.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start stopped by its store says so in Spring Boot's short "APPLICATION FAILED TO START" form. */
public final class StoreUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<StoreUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StoreUnavailableException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Check that the database is running and reachable, and spring.datasource.url, .username and .password"
                        + " (README: Storage).", cause);
    }
}
