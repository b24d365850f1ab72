package io.alerthook.healing;

/** A playbook that cannot load; the message names its file and the playbook, then the mistake. */
public final class InvalidPlaybookException extends IllegalArgumentException {

    InvalidPlaybookException(String message, Throwable cause) {
        super(message, cause);
    }
}
