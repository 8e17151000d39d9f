package org.roomhub.client.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The settings file, JSON: {@code $XDG_CONFIG_HOME/roomhub/desktop.json} (or
 * {@code ~/.config/roomhub/desktop.json}, beside {@code known-hubs}); the system property
 * {@value #FILE_PROPERTY} names another file (tests, portable installs). It holds tokens, so it is
 * written readable by the user only (mode 600 where the file system has POSIX modes), through a
 * temporary file and an atomic rename so a crash never leaves half a file.
 */
public final class SettingsStore {

    /** System property naming the file instead of the user's config folder. */
    public static final String FILE_PROPERTY = "roomhub.settings";

    private static final Logger LOG = Logger.getLogger(SettingsStore.class.getName());

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Settings kept in {@code file}. */
    public SettingsStore(Path file) {
        this.file = file;
    }

    /** The user's settings: {@value #FILE_PROPERTY} if set, else the config folder. */
    public static SettingsStore standard() {
        String override = System.getProperty(FILE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return new SettingsStore(Path.of(override));
        }
        return new SettingsStore(defaultFile(System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    /** {@code $XDG_CONFIG_HOME/roomhub/desktop.json}, else {@code ~/.config/roomhub/desktop.json}. */
    static Path defaultFile(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return config.resolve("roomhub").resolve("desktop.json");
    }

    /** Where the settings are kept. */
    public Path file() {
        return file;
    }

    /** The saved settings; the defaults when there is no file or it cannot be read (said in the log, the file is left alone). */
    public DesktopSettings load() {
        if (!Files.exists(file)) {
            return DesktopSettings.defaults();
        }
        try {
            return json.readValue(file.toFile(), DesktopSettings.class);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the settings in " + file + " (" + e.getMessage() + "); starting with defaults");
            return DesktopSettings.defaults();
        }
    }

    /** Writes {@code settings}, readable by this user only. */
    public void save(DesktopSettings settings) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            Path tmp = posix
                    ? Files.createTempFile(dir, "desktop", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, "desktop", ".tmp");
            json.writeValue(tmp.toFile(), settings);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the settings in " + file, e);
        }
    }
}
