package org.roomhub.hub.room;

/** A room's answer to a plain HTTP request. */
public record RoomResponse(int status, String contentType, String body) {

    /** A plain-text answer. */
    public static RoomResponse text(int status, String body) {
        return new RoomResponse(status, "text/plain; charset=utf-8", body);
    }

    /** A JSON answer. */
    public static RoomResponse json(int status, String json) {
        return new RoomResponse(status, "application/json", json);
    }
}
