package dev.wxlogin.server.error;

import java.io.IOException;

/** Raised while reading a body that grows past the configured limit. */
class RequestTooLargeException extends IOException {

    RequestTooLargeException() {
        super("request body exceeds the configured limit");
    }
}
