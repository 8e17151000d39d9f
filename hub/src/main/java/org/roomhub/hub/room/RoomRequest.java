package org.roomhub.hub.room;

import java.util.List;
import java.util.Map;

/** A plain HTTP request delivered to a room. */
public record RoomRequest(String method, String path, Map<String, List<String>> query, String user, String body) {}
