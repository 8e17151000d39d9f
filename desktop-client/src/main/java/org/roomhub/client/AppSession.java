package org.roomhub.client;

/**
 * The settings one launch runs with.
 *
 * @param hubUrl    hub address
 * @param token     credential or null
 * @param userName  display name
 * @param roomName  chat and map room
 * @param localHost this machine's metrics room
 * @param width     window width
 * @param height    window height
 */
record AppSession(String hubUrl, String token, String userName, String roomName, String localHost, int width, int height) {

    /** A new app for these settings; FX thread. */
    DesktopApp newApp() {
        return new DesktopApp(hubUrl, token, userName, roomName, localHost);
    }
}
