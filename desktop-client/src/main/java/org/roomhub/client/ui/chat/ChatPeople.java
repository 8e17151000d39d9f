package org.roomhub.client.ui.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.ObservableList;
import org.roomhub.protocol.value.Presence;

/**
 * Who is in a chat room, kept from its frames: a full list ({@code presence}), single joins and leaves
 * ({@code user-joined} / {@code user-left}) and, in a room of more than 100, coalesced ones
 * ({@code presence-diff}: joined first, then left). A session of mine from before a reconnect is never
 * present, and a resume replaying my own joins is not news. Changes are applied in one list update, so
 * a diff of a thousand joins costs one pass, not a thousand. FX thread.
 */
final class ChatPeople {

    /** What a change told about others (not me): who joined and who left, by display name. */
    record News(List<String> joined, List<String> left, Set<String> leftIds) {}

    private final ObservableList<Presence> people;
    private final MySessions mine;

    ChatPeople(ObservableList<Presence> people, MySessions mine) {
        this.people = people;
        this.mine = mine;
    }

    /** Everyone, as a full list says. */
    void replace(List<Presence> users) {
        people.setAll(users.stream().filter(u -> !mine.isFormer(u.sessionId())).toList());
    }

    /** Applies {@code joined}, then {@code left}; says what was news. */
    News apply(List<Presence> joined, List<Presence> left) {
        Map<String, Presence> now = new LinkedHashMap<>();
        people.forEach(p -> now.put(p.sessionId(), p));
        boolean changed = false;
        List<String> joinedNames = new ArrayList<>();
        for (Presence j : joined) {
            if (mine.isFormer(j.sessionId())) {
                continue; // a resume replays my own earlier join: not news, and that session is gone
            }
            changed |= now.putIfAbsent(j.sessionId(), j) == null;
            if (!mine.isMine(j.sessionId())) {
                joinedNames.add(j.user());
            }
        }
        List<String> leftNames = new ArrayList<>();
        Set<String> leftIds = new HashSet<>();
        for (Presence l : left) {
            changed |= now.remove(l.sessionId()) != null;
            leftIds.add(l.sessionId());
            if (!mine.isMine(l.sessionId())) {
                leftNames.add(l.user());
            }
        }
        if (changed) {
            people.setAll(now.values());
        }
        return new News(joinedNames, leftNames, leftIds);
    }

    /** "ada", "ada and bob", "ada, bob, cy and 4 more". */
    static String names(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() <= 3) {
            return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        }
        return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }
}
