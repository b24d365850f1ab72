package io.alerthook;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Watches alerthook.routes.reload-directory (default routes/) unless it is set empty. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${alerthook.routes.reload-directory:routes}' != ''")
class RoutesReloadConfiguration {

    @Bean
    RoutesReload routesReload(CamelContext camelContext, @Value("${alerthook.routes.reload-directory:routes}") String directory)
            throws Exception {
        RoutesReload reload = new RoutesReload(directory);
        camelContext.addService(reload);
        return reload;
    }
}
