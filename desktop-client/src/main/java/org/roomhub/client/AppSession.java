package org.roomhub.client;

import org.roomhub.client.ui.map.ViewportStore;
import org.roomhub.client.net.TransportKind;

/**
 * The settings one launch runs with.
 *
 * @param hubUrl    hub address
 * @param token     credential or null
 * @param userName  display name
 * @param roomName  chat and map room
 * @param transport how the rooms are reached, until changed in the connection bar
 * @param localHost this machine's metrics room
 * @param publish   whether this machine's metrics are published (they follow the connection bar)
 * @param width     window width
 * @param height    window height
 * @param dataFolder where the app's own hub keeps data, or a sentence saying the remote hub does
 */
record AppSession(String hubUrl, String token, String userName, String roomName, TransportKind transport, String localHost, boolean publish, int width,
        int height, String dataFolder) {

    /** A new app for these settings; FX thread. Pictures ({@code --render}) never reuse a remembered map view. */
    DesktopApp newApp() {
        return newApp(ViewportStore.inMemory());
    }

    /** A new app whose map remembers its views in {@code mapViews}; FX thread. */
    DesktopApp newApp(ViewportStore mapViews) {
        DesktopApp app = new DesktopApp(hubUrl, token, userName, roomName, localHost, publish, mapViews);
        app.setAbout(dataFolder, localHost);
        app.shell().transportProperty().set(transport); // before show(), which connects
        return app;
    }
}
