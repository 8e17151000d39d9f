package org.roomhub.client.ui.map;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.roomhub.client.ui.common.NameColors;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.Pin;

/**
 * My pins: placing, moving, editing and removing them. Others' pins are read-only here (the hub
 * would refuse with {@code FORBIDDEN} anyway). FX thread.
 */
final class PinEditor {

    private final List<Pin> pins;
    private final Supplier<String> me;
    private final Supplier<String> nameNow;
    private final Predicate<ClientFrame> send;
    private int added;

    /**
     * @param pins    the pins shown
     * @param me      my user as the room knows me (the owner of my pins)
     * @param nameNow the name I go by now (a rename in the bar), null or blank when unknown
     * @param send    sends a frame to the room; false when it did not go out
     */
    PinEditor(List<Pin> pins, Supplier<String> me, Supplier<String> nameNow, Predicate<ClientFrame> send) {
        this.pins = pins;
        this.me = me;
        this.nameNow = nameNow;
        this.send = send;
    }

    /** Places a new pin of mine; my first one is "me" (the pin my distance is measured from). */
    void add(GeoPoint at) {
        // The room knows me by the name I joined with; a pin is labelled with the name I go by now.
        String now = nameNow.get();
        String user = now != null && !now.isBlank() ? now : me.get();
        long mine = pins.stream().filter(this::isMine).count();
        if (mine == 0) {
            send.test(new ClientFrame.SetPin(at, user.isEmpty() ? null : user, NameColors.forName(user), null, null));
        } else {
            String label = (user.isEmpty() ? "pin" : user) + " " + (mine + 1);
            send.test(new ClientFrame.SetPin(at, label, NameColors.forName(user + (mine + 1)), null, newPinId(me.get())));
        }
    }

    /** Moves one of my pins (a drag on the map). */
    void move(String pinId, double lat, double lng) {
        mine(pinId).ifPresent(pin -> send.test(new ClientFrame.SetPin(at(lat, lng), null, null, null, pinId)));
    }

    /** Changes my pin's label, colour and note; an empty note removes it. */
    void edit(String pinId, String label, String color, String note) {
        mine(pinId).ifPresent(pin -> send.test(new ClientFrame.SetPin(pin.location(),
                label == null || label.isBlank() ? pin.user() : label.strip(), color, note == null ? "" : note.strip(), pinId)));
    }

    /** Removes one of my pins. */
    void remove(String pinId) {
        mine(pinId).ifPresent(pin -> send.test(new ClientFrame.RemovePin(pinId)));
    }

    /** My pin carries my name: after a rename it is moved in place with the new label. */
    void relabel(String name) {
        pins.stream().filter(p -> p.user().equals(me.get()) && !name.equals(p.label())).findFirst()
                .ifPresent(p -> send.test(new ClientFrame.SetPin(p.location(), name, NameColors.forName(name))));
    }

    /** Whether {@code pin} is mine to move, edit and remove. */
    boolean isMine(Pin pin) {
        return !me.get().isEmpty() && pin.user().equals(me.get());
    }

    /** A point from map coordinates, clamped to the valid ranges. */
    static GeoPoint at(double lat, double lng) {
        return GeoPoint.of(clamp(lat, 90), clamp(lng, 180));
    }

    private Optional<Pin> mine(String pinId) {
        return pins.stream().filter(p -> p.pinId().equals(pinId)).findFirst().filter(this::isMine);
    }

    private String newPinId(String user) {
        String base = user.replaceAll("[^A-Za-z0-9._-]", "_");
        base = base.substring(0, Math.min(base.length(), 32));
        return base + "-" + Long.toString(System.currentTimeMillis(), 36) + "-" + (++added);
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }
}
