package io.alerthook.intake;

/** A webhook request alerthook turns away, with the HTTP status it answers. */
public class RejectedRequestException extends RuntimeException {

    private final int status;

    public RejectedRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int getStatus() {
        return status;
    }
}
