package org.roomhub.hub.room;

import java.util.List;
import java.util.Map;

/**
 * A plain HTTP request delivered to a room.
 *
 * @param method HTTP method
 * @param path the request path
 * @param query query parameters
 * @param user who asks (the token's user, or the open hub's anonymous name)
 * @param role their role from the token: {@code viewer}, {@code member} or {@code admin}
 * @param body the request body as text
 */
public record RoomRequest(String method, String path, Map<String, List<String>> query, String user, String role, String body) {}
