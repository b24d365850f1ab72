package io.alerthook.healing;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * How the heal route gathers its offers of an alert to every playbook: it notes whether any playbook took the alert
 * (set {@code healPlaybook}), so that an alert no playbook matched is on record as well, and the audit shows for
 * every alert that healing is done with it.
 */
public final class PlaybookOffers implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange gathered, Exchange offer) {
        Exchange result = gathered == null ? offer : gathered;
        boolean taken = Boolean.TRUE.equals(result.getProperty(HealExchange.TAKEN, Boolean.class)) || offer.getProperty(HealExchange.PLAYBOOK) != null;
        result.setProperty(HealExchange.TAKEN, taken);
        return result;
    }
}
