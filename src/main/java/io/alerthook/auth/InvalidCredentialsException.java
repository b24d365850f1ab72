package io.alerthook.auth;

/** A credential setting alerthook cannot use; the message names the setting, never the secret. */
public class InvalidCredentialsException extends RuntimeException {

    public InvalidCredentialsException(String message) {
        super(message);
    }
}
