package org.roomhub.client.net;

/** The hub answered an HTTP request with a non-2xx status. */
public final class HubRequestException extends RuntimeException {

    private final int status;

    /** A failed {@code what} with the hub's status and body. */
    public HubRequestException(String what, int status, String body) {
        super(what + " → " + status + (body == null || body.isBlank() ? "" : ": " + body.strip()));
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
