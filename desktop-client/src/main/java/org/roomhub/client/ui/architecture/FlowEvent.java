package org.roomhub.client.ui.architecture;

import java.util.List;

/**
 * One frame travelling, for an animated dot.
 *
 * @param room    {@code type/name}
 * @param from    sender session id, or {@code "room"} for frames the room emits
 * @param to      session ids, empty with {@code broadcast}
 * @param broadcast whether it went to the whole room
 * @param msgType frame type
 * @param at      epoch ms
 */
public record FlowEvent(String room, String from, List<String> to, boolean broadcast, String msgType, long at) {}
