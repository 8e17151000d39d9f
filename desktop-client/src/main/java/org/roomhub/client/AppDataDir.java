package org.roomhub.client;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where the desktop keeps its own hub's data: the platform's per-user application-data folder. */
final class AppDataDir {

    private AppDataDir() {}

    /** {@code $XDG_DATA_HOME/roomhub}, {@code ~/.local/share/roomhub}, {@code %APPDATA%\Roomhub} or {@code ~/Library/Application Support/Roomhub}. */
    static Path resolve(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win") && env.get("APPDATA") != null) {
            return Path.of(env.get("APPDATA"), "Roomhub");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Roomhub");
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "roomhub");
        }
        return home.resolve(".local").resolve("share").resolve("roomhub");
    }

    /** The folder for this user on this machine. */
    static Path current() {
        return resolve(System.getenv(), System.getProperty("os.name"), Path.of(System.getProperty("user.home")));
    }
}
