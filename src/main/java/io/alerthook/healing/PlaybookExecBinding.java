package io.alerthook.healing;

import org.apache.camel.Exchange;
import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.ExecEndpoint;
import org.apache.camel.component.exec.impl.DefaultExecBinding;

/** camel-exec's binding, plus what the run brings: the alert as ALERT_* variables (no secrets of alerthook's) and its cancellation. */
public final class PlaybookExecBinding extends DefaultExecBinding {

    private final AlertEnvironment environment;

    public PlaybookExecBinding(AlertEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public ExecCommand readInput(Exchange exchange, ExecEndpoint endpoint) {
        HealRun run = exchange.getProperty(HealExchange.RUN, HealRun.class);
        return new PlaybookCommand(super.readInput(exchange, endpoint), environment.forAlert(run.alert()), run.cancellation());
    }
}
