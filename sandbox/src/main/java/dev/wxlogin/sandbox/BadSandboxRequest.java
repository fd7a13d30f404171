package dev.wxlogin.sandbox;

/** Bad input to a {@code /sandbox/...} endpoint, answered 400 with its message. */
final class BadSandboxRequest extends RuntimeException {

    BadSandboxRequest(String message) {
        super(message);
    }
}
