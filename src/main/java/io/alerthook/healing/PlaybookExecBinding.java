package io.alerthook.healing;

import org.apache.camel.Exchange;
import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.ExecEndpoint;
import org.apache.camel.component.exec.impl.DefaultExecBinding;

/** camel-exec's binding, plus the run's environment: the alert as ALERT_* variables and no secrets of alerthook's. */
public final class PlaybookExecBinding extends DefaultExecBinding {

    private final AlertEnvironment environment;

    public PlaybookExecBinding(AlertEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public ExecCommand readInput(Exchange exchange, ExecEndpoint endpoint) {
        HealRun run = exchange.getProperty(HealingAudit.RUN, HealRun.class);
        return new PlaybookCommand(super.readInput(exchange, endpoint), environment.forAlert(run.alert()));
    }
}
