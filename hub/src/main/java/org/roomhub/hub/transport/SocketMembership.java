package org.roomhub.hub.transport;

/**
 * Ties one socket's close to its {@link Membership}, whichever comes first. The close of a socket can
 * arrive while the join is still under way (a peer that resets right after the {@code 101}); the
 * close then waits here and the join, once it has its membership, leaves at once. Without this a
 * session joined after its socket died stayed in the room for good.
 */
final class SocketMembership {

    private Membership member;
    private boolean closed;
    private int code;
    private String reason;

    /** The membership the join produced; leaves at once (and says so) when the socket already closed. */
    boolean attach(Membership m) {
        synchronized (this) {
            if (!closed) {
                member = m;
                return true;
            }
        }
        m.leave(code, reason);
        return false;
    }

    /** The socket closed: leaves the room now, or as soon as the join attaches. */
    void closed(int closeCode, String closeReason) {
        Membership m;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            code = closeCode;
            reason = closeReason;
            m = member;
        }
        if (m != null) {
            m.leave(closeCode, closeReason);
        }
    }

    /** The membership, once attached. */
    synchronized Membership member() {
        return member;
    }
}
