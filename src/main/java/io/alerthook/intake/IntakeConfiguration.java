package io.alerthook.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.AlerthookProperties;
import io.alerthook.alert.NotificationReader;
import io.alerthook.auth.Authenticator;
import org.apache.camel.CamelContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;


/** The webhook's front door, and the beans routes/intake.camel.yaml calls by name. */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    @Bean
    IntakeFilter intakeFilter(Authenticator authenticator, IntakeReplies replies, AlerthookProperties properties) {
        AlerthookProperties.Intake intake = properties.intake();
        IntakeGate gate = new IntakeGate(authenticator, intake.maxBodyBytes().toBytes(), intake.requestTimeout());
        return new IntakeFilter(gate, replies, intake.drainTimeout());
    }

    @Bean
    FilterRegistrationBean<IntakeFilter> intakeFilterRegistration(IntakeFilter filter) {
        FilterRegistrationBean<IntakeFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/hooks/alertmanager");
        return registration;
    }

    @Bean
    NotificationReader notificationReader(AlerthookProperties properties) {
        AlerthookProperties.Intake intake = properties.intake();
        return new NotificationReader(intake.maxAlerts(), intake.maxNestingDepth(), intake.maxStringLength());
    }

    @Bean
    DispatchPartitions dispatchPartitions(CamelContext camelContext) {
        return new DispatchPartitions(camelContext);
    }

    /** The dispatch partitions' queues (routes/dispatch.camel.yaml). */
    @Bean
    WaitingAlerts waitingAlerts(AlerthookProperties properties) {
        return new WaitingAlerts(properties.intake().maxWaitingAlerts(), properties.intake().dispatchWait());
    }

    @Bean
    IntakeReplies intakeReplies(ObjectMapper mapper) {
        return new IntakeReplies(mapper);
    }
}
