package io.alerthook.healing;

import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Applies edits to the playbook files of a directory (default {@code routes/}) to the running alerthook:
 * the files that hold only {@code templatedRoute}s. The watching is Camel's ({@link RouteWatcherReloadStrategy});
 * the reload is done here, because Camel 4.17's own cannot serve alerthook: with {@code removeAllRoutes} it
 * reads a file holding several routes once per route and fails on the duplicate ids after having removed every
 * route (CAMEL-24866, fixed after 4.17); without it, templated routes are not updated at all.
 * <ul>
 * <li>Every file is read and checked first (PlaybookCheck runs as files are read): an edit that does not load
 *     is refused, with the reason logged, and the playbooks running before keep running.</li>
 * <li>Then only the playbook routes are replaced. Intake, dispatch, Slack and their in-memory queues are left
 *     alone, so nothing accepted is dropped; a change to those files is logged as needing a restart.
 *     Guard state lives outside the routes (HealingGuard) and stays.</li>
 * </ul>
 */
final class PlaybookReload extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(PlaybookReload.class);
    private static final String SUFFIX = ".camel.yaml";

    PlaybookReload(String directory) {
        super(directory, false);
        setPattern("*" + SUFFIX);
    }

    @Override
    protected void onRouteReload(Collection<Resource> changed, boolean removeEverything) {
        List<Resource> playbookFiles = new ArrayList<>();
        boolean playbooksChanged = false;
        try {
            for (Resource file : routeFiles()) {
                boolean isChanged = changed.stream().anyMatch(resource -> resource.getLocation().equals(file.getLocation()));
                if (holdsOnlyPlaybooks(file)) {
                    playbookFiles.add(file);
                    playbooksChanged |= isChanged;
                } else if (isChanged) {
                    LOG.warn("{} changed: only playbook files (templatedRoutes alone) apply while running; restart alerthook"
                            + " to apply this one", file.getLocation());
                }
            }
        } catch (Exception e) {
            LOG.error("Playbooks under {} NOT reloaded, the running ones stay: {}", getFolder(), InvalidPlaybookException.describe(e));
            return;
        }
        if (!playbooksChanged) {
            return;
        }
        try {
            Model model = getCamelContext().getCamelContextExtension().getContextPlugin(Model.class);
            model.removeRouteDefinitions(model.getRouteDefinitions().stream()
                    .filter(route -> PlaybookRoutes.GROUP.equals(route.getGroup())).toList());
            // Read again rather than adding the builders checked above: camelContext.addRoutes on an already
            // configured builder adds none of its templated routes (tried), and a reload is rare.
            PluginHelper.getRoutesLoader(getCamelContext()).loadRoutes(playbookFiles);
        } catch (Exception e) {
            LOG.error("Playbooks under {} failed to reload: {}", getFolder(), InvalidPlaybookException.describe(e), e);
            return;
        }
        LOG.info("Playbooks under {} reloaded: {}", getFolder(), getCamelContext().getRoutes().stream()
                .filter(route -> PlaybookRoutes.GROUP.equals(route.getGroup())).map(Route::getRouteId).toList());
    }

    /** Reads and checks the file's routes without adding them; true if it declares playbooks and nothing else. */
    private boolean holdsOnlyPlaybooks(Resource file) throws Exception {
        boolean onlyPlaybooks = true;
        for (RoutesBuilder builder : PluginHelper.getRoutesLoader(getCamelContext()).findRoutesBuilders(file)) {
            if (!(builder instanceof RouteBuilder routes)) {
                return false;
            }
            routes.configureRoutes(getCamelContext());
            onlyPlaybooks &= !routes.getTemplatedRouteCollection().getTemplatedRoutes().isEmpty()
                    && routes.getRouteCollection().getRoutes().isEmpty()
                    && routes.getRouteTemplateCollection().getRouteTemplates().isEmpty();
        }
        return onlyPlaybooks;
    }

    private List<Resource> routeFiles() {
        try (Stream<Path> files = Files.list(Path.of(getFolder()))) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted()
                    .map(file -> PluginHelper.getResourceLoader(getCamelContext()).resolveResource("file:" + file))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
