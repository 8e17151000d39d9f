package org.roomhub.client.ui.architecture;

import java.util.ArrayList;
import java.util.List;

/**
 * One thing the "Send" menu can do, said as it is: a ping, or a direct message to one person.
 *
 * @param label    the menu text
 * @param targetSessionId who gets the direct message; null for a ping
 */
public record SendChoice(String label, String targetSessionId) {

    /**
     * What {@code sender} (a client this app opened in {@code roomKey}) can send: a ping everywhere,
     * and in a chat room a direct message to each other member.
     */
    static List<SendChoice> forSender(String roomKey, ClientNode sender, List<ClientNode> clients) {
        List<SendChoice> out = new ArrayList<>();
        out.add(new SendChoice("Ping from " + sender.user() + " (the hub answers without waking the room)", null));
        if (roomKey.startsWith("chat/")) {
            clients.stream()
                    .filter(c -> c.room().equals(roomKey) && !c.sessionId().equals(sender.sessionId()))
                    .forEach(c -> out.add(new SendChoice("Direct message from " + sender.user() + " to " + c.user()
                            + " (" + c.transport() + ")", c.sessionId())));
        }
        return out;
    }
}
