package io.alerthook.healing;

/** A playbook that cannot load; the message names its file and the playbook, then the mistake. */
public final class InvalidPlaybookException extends IllegalArgumentException {

    InvalidPlaybookException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Why routes did not load: the playbook's own message if a playbook is at fault, else the deepest cause. */
    public static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof InvalidPlaybookException)) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
