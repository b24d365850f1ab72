package io.alerthook.logging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LoggingConfiguration {

    @Bean
    AlertLogContext alertLogContext() {
        return new AlertLogContext();
    }
}
