package org.roomhub.agent;

/**
 * The hub answered, and said no in a way that retrying will not change: a missing or refused token
 * ({@code 401}/{@code 403}) or a room it does not serve ({@code 400}/{@code 404}). Not a network fault.
 */
public final class HubRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    HubRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status of the refused upgrade. */
    public int status() {
        return status;
    }

    /** Whether {@code status} is one retrying cannot fix. */
    static boolean isFinal(int status) {
        return status == 400 || status == 401 || status == 403 || status == 404;
    }

    /** Says in words what {@code status} means for an agent publishing to {@code room}. */
    static HubRefusal of(int status, String hub, String room) {
        String why = switch (status) {
            case 401 -> "the hub needs a token: give --token (make one with the hub's token command)";
            case 403 -> "the hub refused the token: it is invalid, expired, from another hub, or does not cover metrics/" + room;
            case 404 -> "the hub has no metrics room type";
            default -> "the hub refused the room name metrics/" + room;
        };
        return new HubRefusal(status, hub + " answered " + status + ": " + why);
    }
}
