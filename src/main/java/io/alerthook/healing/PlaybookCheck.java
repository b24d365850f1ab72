package io.alerthook.healing;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteBuilderLifecycleStrategy;
import org.apache.camel.model.Model;
import org.apache.camel.model.ModelLifecycleStrategy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks each playbook against the {@code playbook} template and names the file it came from, as
 * {@code amtool check-config} does: Camel itself ignores a parameter the template does not declare (a
 * misspelt {@code timout} would silently keep the 30 s default), and reports a bad value only by route id.
 * It checks a file's playbooks as soon as the file is read (so a routes reload can refuse a bad edit before
 * it removes anything), and each playbook route as it is added (at startup the template may be read after
 * the playbooks). Template parameters and {@link Playbook} properties share their names.
 */
public final class PlaybookCheck implements ModelLifecycleStrategy, RouteBuilderLifecycleStrategy {

    static final String TEMPLATE = "playbook";
    private static final Set<String> CAMELS = Set.of("routeId", "templateId", "prefixId", "location");

    private final CamelContext camelContext;
    private final Map<String, String> files = new ConcurrentHashMap<>();

    public PlaybookCheck(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public void afterConfigure(RouteBuilder builder) {
        for (TemplatedRouteDefinition templated : builder.getTemplatedRouteCollection().getTemplatedRoutes()) {
            if (TEMPLATE.equals(templated.getRouteTemplateRef())) {
                Map<String, Object> parameters = new HashMap<>();
                templated.getParameters().forEach(p -> parameters.put(p.getName(), p.getValue()));
                String name = String.valueOf(parameters.get("name"));
                if (templated.getResource() != null) {
                    files.put(name, templated.getResource().getLocation());
                }
                check(name, parameters);
            }
        }
    }

    @Override
    public void onAddRouteDefinition(RouteDefinition route) {
        if (route.isCreatedFromTemplate() && PlaybookRoutes.GROUP.equals(route.getGroup())) {
            check(String.valueOf(route.getTemplateParameters().get("name")), route.getTemplateParameters());
        }
    }

    private void check(String name, Map<String, Object> given) {
        RouteTemplateDefinition template = camelContext.getCamelContextExtension().getContextPlugin(Model.class)
                .getRouteTemplateDefinition(TEMPLATE);
        if (template == null) {
            return;
        }
        String where = files.getOrDefault(name, "(unknown file)");
        Set<String> declared = new TreeSet<>();
        Map<String, Object> parameters = new HashMap<>();
        for (RouteTemplateParameterDefinition parameter : template.getTemplateParameters()) {
            declared.add(parameter.getName());
            if (parameter.getDefaultValue() != null) {
                parameters.put(parameter.getName(), parameter.getDefaultValue());
            }
        }
        Set<String> unknown = new TreeSet<>(given.keySet());
        // Camel adds a kebab-case twin of each camelCase parameter, and a few of its own (routeId, ...).
        unknown.removeIf(parameter -> declared.contains(StringHelper.dashToCamelCase(parameter)) || CAMELS.contains(parameter));
        if (!unknown.isEmpty()) {
            throw new InvalidPlaybookException(where + ": playbook \"" + name + "\": unknown parameter "
                    + String.join(", ", unknown) + " (known: " + String.join(", ", declared) + ")", null);
        }
        given.forEach((key, value) -> {
            if (declared.contains(key)) {
                parameters.put(key, value);
            }
        });
        Playbook candidate = new Playbook();
        parameters.forEach((key, value) -> PropertyBindingSupport.build().bind(camelContext, candidate, key, value));
        try {
            candidate.check();
        } catch (IllegalArgumentException e) {
            throw new InvalidPlaybookException(where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onRemoveRouteDefinition(RouteDefinition route) {
    }

    @Override
    public void onAddRouteTemplateDefinition(RouteTemplateDefinition template) {
    }

    @Override
    public void onRemoveRouteTemplateDefinition(RouteTemplateDefinition template) {
    }
}
