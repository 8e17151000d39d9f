package org.roomhub.client.ui.map;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.prefs.Preferences;

/** Remembers where the map of each room was looking, so it opens there again. */
public interface ViewportStore {

    /** The last view of {@code room}, if any. */
    Optional<Viewport> load(String room);

    /** Keeps {@code view} as the last one of {@code room}. */
    void save(String room, Viewport view);

    /** A store that forgets when the app closes. */
    static ViewportStore inMemory() {
        Map<String, Viewport> views = new ConcurrentHashMap<>();
        return new ViewportStore() {
            @Override
            public Optional<Viewport> load(String room) {
                return Optional.ofNullable(views.get(room));
            }

            @Override
            public void save(String room, Viewport view) {
                views.put(room, view);
            }
        };
    }

    /** A store in the user's Java preferences (kept across runs of the app). */
    static ViewportStore preferences() {
        Preferences node = Preferences.userRoot().node("org/roomhub/desktop/map-view");
        return new ViewportStore() {
            @Override
            public Optional<Viewport> load(String room) {
                String text = node.get(room, null);
                if (text == null) {
                    return Optional.empty();
                }
                try {
                    String[] parts = text.split(",");
                    Viewport v = new Viewport(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
                    return v.usable() ? Optional.of(v) : Optional.empty();
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }

            @Override
            public void save(String room, Viewport view) {
                node.put(room, view.lat() + "," + view.lng() + "," + view.zoom());
            }
        };
    }
}
