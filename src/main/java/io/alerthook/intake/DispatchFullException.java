package io.alerthook.intake;

/**
 * Dispatch stayed full for {@code alerthook.intake.dispatch-wait}: 503, saying which bound (intake.camel.yaml). The
 * notification was recorded and is withdrawn, so Alertmanager's retry is no duplicate.
 */
public class DispatchFullException extends RejectedRequestException {

    public DispatchFullException(String message) {
        super(503, message);
    }
}
