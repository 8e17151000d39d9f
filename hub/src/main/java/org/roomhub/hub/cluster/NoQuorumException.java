package org.roomhub.hub.cluster;

/** This member is cut off from the majority of the cluster: it may neither take nor check a room's epoch. */
public final class NoQuorumException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NoQuorumException(String message, Throwable cause) {
        super(message, cause);
    }
}
