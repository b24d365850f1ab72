package io.alerthook.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.AlerthookProperties;
import io.alerthook.audit.AuditTrail;
import io.alerthook.healing.HealingGuard;
import io.alerthook.metrics.DomainMetrics;
import io.alerthook.store.Store;
import org.apache.camel.CamelContext;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class RecoveryConfiguration {

    /** Reads the store while the context is built, before the web server takes requests. */
    @Bean
    Recovery recovery(Store store, ObjectMapper mapper, AuditTrail trail, AlerthookProperties properties) {
        Recovery recovery = new Recovery(store, new JournalScan(mapper), trail, properties.audit().resumeWithin(), Clock.systemUTC(),
                properties.replicaId());
        recovery.scan();
        return recovery;
    }

    @Bean(destroyMethod = "release")
    ReplicaHeartbeat replicaHeartbeat(Store store, HealingGuard guard, Recovery recovery, AlerthookProperties properties, DomainMetrics metrics) {
        return new ReplicaHeartbeat(store, guard, recovery, properties.lease().length(), metrics.takeovers("heal"), metrics.takeovers("replica"));
    }

    @EventListener(ApplicationReadyEvent.class)
    void resume(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBean(Recovery.class).resume(ready.getApplicationContext().getBean(CamelContext.class));
    }
}
