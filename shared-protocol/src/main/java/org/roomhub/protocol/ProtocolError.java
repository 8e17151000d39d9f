package org.roomhub.protocol;

import java.util.Objects;

/** A typed reason why a client frame was refused; becomes an {@code error} frame. */
public record ProtocolError(ErrorCode code, String message) {

    /** Checks both parts are present. */
    public ProtocolError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
