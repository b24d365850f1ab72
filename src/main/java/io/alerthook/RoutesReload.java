package io.alerthook;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Applies edits to the route files of a directory (default {@code routes/}) to the running alerthook. The
 * watching is Camel's ({@link RouteWatcherReloadStrategy}); the reload is done here, because Camel 4.17's
 * own cannot serve alerthook: with {@code removeAllRoutes} it reads a file holding several routes once per
 * route and fails on the duplicate ids, having removed every route first (CAMEL-24866, fixed after 4.17);
 * without it, templated routes (the playbooks) are not updated at all. Here:
 * <ul>
 * <li>every file is read and checked first (PlaybookCheck runs as the files are read); an edit that does not
 *     load is refused, with the reason logged, and the routes running before keep running;</li>
 * <li>then all routes, route templates and route configurations go, and every file is loaded once, as at
 *     startup. Guard state lives outside the routes (HealingGuard) and stays.</li>
 * </ul>
 */
final class RoutesReload extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesReload.class);
    private static final String SUFFIX = ".camel.yaml";

    RoutesReload(String directory) {
        super(directory, false);
        setPattern("*" + SUFFIX);
    }

    @Override
    protected void onRouteReload(Collection<Resource> changed, boolean removeEverything) {
        List<Resource> all = routeFiles();
        try {
            // Reading a file's routes runs alerthook's checks (PlaybookCheck) without touching the running ones.
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(getCamelContext()).findRoutesBuilders(all)) {
                if (builder instanceof RouteBuilder routeBuilder) {
                    routeBuilder.configureRoutes(getCamelContext());
                }
            }
        } catch (Exception e) {
            LOG.error("Routes under {} NOT reloaded, the running ones stay: {}", getFolder(), RoutesValidation.explain(e));
            return;
        }
        try {
            Model model = getCamelContext().getCamelContextExtension().getContextPlugin(Model.class);
            getCamelContext().getRouteController().removeAllRoutes();
            getCamelContext().removeRouteTemplates("*");
            for (RouteConfigurationDefinition configuration : List.copyOf(model.getRouteConfigurationDefinitions())) {
                model.removeRouteConfiguration(configuration);
            }
            PluginHelper.getRoutesLoader(getCamelContext()).loadRoutes(all);
        } catch (Exception e) {
            LOG.error("Routes under {} failed to reload: {}", getFolder(), RoutesValidation.explain(e), e);
            return;
        }
        LOG.info("Routes under {} reloaded: {} routes", getFolder(), getCamelContext().getRoutes().size());
    }

    private List<Resource> routeFiles() {
        try (Stream<Path> files = Files.list(Path.of(getFolder()))) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted()
                    .map(file -> PluginHelper.getResourceLoader(getCamelContext()).resolveResource("file:" + file))
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException("cannot list " + new File(getFolder()).getAbsolutePath(), e);
        }
    }
}
