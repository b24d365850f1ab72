package io.alerthook.healing;

/** A label value would have become a command-line option the playbook did not write. */
public class UnsafeArgumentException extends RuntimeException {

    public UnsafeArgumentException(String message) {
        super(message);
    }
}
