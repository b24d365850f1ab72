package io.alerthook.store;

/** The store cannot be used at startup; the message names where it is (a URL, never a password) and why. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
