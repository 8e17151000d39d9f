package org.roomhub.client.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The certificates this user pinned on first use, like SSH's {@code known_hosts}: one line per hub,
 * {@code host:port SHA-256-fingerprint}. Kept in {@code $XDG_CONFIG_HOME/roomhub/known-hubs} (or
 * {@code ~/.config/roomhub/known-hubs}); the system property {@value #FILE_PROPERTY} names another file.
 */
public final class KnownHubs {

    /** System property naming the file instead of the user's config folder (tests, portable installs). */
    public static final String FILE_PROPERTY = "roomhub.knownHubs";

    private final Path file;

    /** Pins kept in {@code file} (created on the first pin). */
    public KnownHubs(Path file) {
        this.file = file;
    }

    /** The user's pins: {@value #FILE_PROPERTY} if set, else the config folder. */
    public static KnownHubs standard() {
        String override = System.getProperty(FILE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return new KnownHubs(Path.of(override));
        }
        return new KnownHubs(defaultFile(System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    /** {@code $XDG_CONFIG_HOME/roomhub/known-hubs}, else {@code ~/.config/roomhub/known-hubs}. */
    static Path defaultFile(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return config.resolve("roomhub").resolve("known-hubs");
    }

    /** Where the pins are kept. */
    public Path file() {
        return file;
    }

    /** The fingerprint pinned for {@code hub} ({@code host:port}), if any. */
    public synchronized Optional<String> pinned(String hub) {
        String key = normalize(hub);
        for (String line : lines()) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length >= 2 && parts[0].equals(key)) {
                return Optional.of(parts[1]);
            }
        }
        return Optional.empty();
    }

    /** Pins {@code fingerprint} for {@code hub}, replacing an earlier pin. */
    public synchronized void pin(String hub, String fingerprint) {
        String key = normalize(hub);
        List<String> kept = new ArrayList<>();
        for (String line : lines()) {
            String[] parts = line.strip().split("\\s+");
            if (!(parts.length >= 1 && parts[0].equals(key))) {
                kept.add(line);
            }
        }
        kept.add(key + " " + fingerprint);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "known-hubs", ".tmp");
            Files.write(tmp, kept, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the pinned certificate of " + key + " in " + file, e);
        }
    }

    private List<String> lines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pinned certificates from " + file, e);
        }
    }

    private static String normalize(String hub) {
        return hub.strip().toLowerCase(Locale.ROOT);
    }
}
