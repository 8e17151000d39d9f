package org.roomhub.client.ui.common;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Who I am, once for the whole app: the one display name the connection bar sets and every tab
 * uses (chat, my map pin, the architecture view, every (re)connect). The hub has the last word:
 * on a hub with tokens the token's user is my name, and the hub may refuse a rename. FX thread.
 */
public final class Identity {

    /** What the hub accepts as a display name (letters, digits, space and {@code . _ @ ( ) -}, 1–64). */
    private static final Pattern USABLE = Pattern.compile("[\\p{L}\\p{N} ._@()-]{1,64}");

    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final List<Consumer<String>> renames = new CopyOnWriteArrayList<>();
    private volatile String current;

    /** Starts as {@code initial} (cleaned to a usable name). */
    public Identity(String initial) {
        String usable = initial == null || problemWith(initial) != null ? "me" : initial.strip();
        name.set(usable);
        current = usable;
    }

    /** Why {@code typed} cannot be a name, in words, or null when it can. */
    public static String problemWith(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            return "Your name is empty: type a name.";
        }
        if (text.length() > 64) {
            return "Your name is too long: at most 64 characters.";
        }
        if (!USABLE.matcher(text).matches()) {
            return "Your name may only use letters, digits, spaces and . _ @ ( ) -";
        }
        return null;
    }

    /**
     * I chose {@code typed}: when usable it becomes my name and the tabs are told (chat renames me in
     * the room). Answers the problem in words, or null when accepted.
     */
    public String choose(String typed) {
        String problem = problemWith(typed);
        if (problem != null) {
            return problem;
        }
        String next = typed.strip();
        notice.set("");
        if (!next.equals(name.get())) {
            set(next);
            renames.forEach(r -> r.accept(next));
        }
        return null;
    }

    /**
     * The hub calls me {@code hubName} (a token's user, or a refused rename): that is my name now.
     * {@code why} says so in words; the tabs are not asked to rename.
     */
    public void adoptFromHub(String hubName, String why) {
        if (hubName == null || hubName.isBlank()) {
            return;
        }
        if (!hubName.equals(name.get())) {
            set(hubName);
            notice.set(why == null ? "" : why);
        }
    }

    /** Tells {@code listener} of each rename I chose (not of names the hub gave). */
    public void onRename(Consumer<String> listener) {
        renames.add(listener);
    }

    /** My name; the one every tab shows. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** My name, readable from any thread (a reconnect on a network thread asks for it). */
    public String current() {
        return current;
    }

    /** Why the hub decided my name, or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    private void set(String next) {
        current = next;
        name.set(next);
    }
}
