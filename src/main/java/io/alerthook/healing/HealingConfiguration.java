package io.alerthook.healing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alerthook.AlerthookProperties;
import io.alerthook.alert.SeverityFilter;
import io.alerthook.store.Store;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The beans routes/healing.camel.yaml refers to by name; each playbook's own bean comes from its template. */
@Configuration(proxyBeanMethods = false)
class HealingConfiguration {

    @Bean
    SeverityFilter healingSeverities(AlerthookProperties properties) {
        return new SeverityFilter(properties.healing().severities());
    }

    @Bean
    HealingGuard healingGuard(Store store) {
        return new HealingGuard(store);
    }

    @Bean
    HealApprovals healApprovals(Store store, ObjectMapper mapper) {
        return new HealApprovals(store, mapper, Clock.systemUTC());
    }

    @Bean
    PlaybookOffers playbookOffers() {
        return new PlaybookOffers();
    }

    @Bean
    HealingAudit healingAudit(Store store) {
        return new HealingAudit(store);
    }

    @Bean
    PlaybookExecBinding playbookExecBinding(AlerthookProperties properties) {
        return new PlaybookExecBinding(new AlertEnvironment(properties.healing().inheritEnv(), System.getenv()));
    }

    @Bean
    ProcessTreeExecutor processTreeExecutor() {
        return new ProcessTreeExecutor();
    }

    /** Registered as the context is built, before any route loads, so it sees every playbook, at startup and on each reload. */
    @Bean
    PlaybookCheck playbookCheck(CamelContext camelContext) {
        PlaybookCheck check = new PlaybookCheck(camelContext);
        ((ModelCamelContext) camelContext).addModelLifecycleStrategy(check);
        return check;
    }

    /** Watches alerthook.routes.reload-directory (default routes/) for playbook edits, unless it is set empty. */
    @Bean
    @ConditionalOnExpression("'${alerthook.routes.reload-directory:routes}' != ''")
    PlaybookReload playbookReload(CamelContext camelContext, AlerthookProperties properties) throws Exception {
        PlaybookReload reload = new PlaybookReload(properties.routes().reloadDirectory());
        camelContext.addService(reload);
        return reload;
    }

    @Bean
    PlaybookRoutes playbookRoutes(CamelContext camelContext) {
        return new PlaybookRoutes(camelContext);
    }
}
