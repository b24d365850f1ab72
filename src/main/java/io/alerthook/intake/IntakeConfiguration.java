package io.alerthook.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.AlerthookProperties;
import io.alerthook.alert.NotificationReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans routes/intake.camel.yaml calls by name. */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeConfiguration.class);

    @Bean
    IntakeGate intakeGate(AlerthookProperties properties) {
        BearerTokenAuthenticator authenticator = new BearerTokenAuthenticator(properties.auth().bearerToken());
        if (!authenticator.isEnabled()) {
            LOG.warn("Authentication is OFF: anyone who reaches POST /hooks/alertmanager can trigger healing commands."
                    + " Set alerthook.auth.bearer-token (ALERTHOOK_AUTH_BEARER_TOKEN) to require a bearer token.");
        }
        return new IntakeGate(authenticator, properties.intake().maxBodyBytes().toBytes());
    }

    @Bean
    NotificationReader notificationReader() {
        return new NotificationReader();
    }

    @Bean
    IntakeReplies intakeReplies(ObjectMapper mapper) {
        return new IntakeReplies(mapper);
    }
}
