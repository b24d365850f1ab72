package io.alerthook.healing;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;

import java.util.List;

/**
 * The endpoints of the playbook routes currently loaded. Looked up for every alert, so playbooks added or
 * removed by a routes reload take part at once.
 */
public final class PlaybookRoutes {

    static final String GROUP = "playbooks";

    private final CamelContext camelContext;

    public PlaybookRoutes(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public List<String> endpoints() {
        return camelContext.getRoutes().stream()
                .filter(route -> GROUP.equals(route.getGroup()))
                .map(Route::getEndpoint)
                .map(Endpoint::getEndpointUri)
                .toList();
    }
}
