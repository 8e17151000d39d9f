package org.roomhub.hub.auth;

import java.util.Locale;
import java.util.Optional;

/** What a token's holder may do. */
public enum Role {
    /** Reads only: joins rooms, pings, resumes, subscribes, asks for history. */
    VIEWER,
    /** Reads and sends. */
    MEMBER,
    /** Everything, plus the observer stream and the admin REST endpoints. */
    ADMIN;

    /** The name on the wire and in tokens: {@code viewer}, {@code member}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether frames that change a room are allowed. */
    public boolean maySend() {
        return this != VIEWER;
    }

    /** The role named {@code name}, case-insensitively. */
    public static Optional<Role> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Role r : values()) {
            if (r.wireName().equalsIgnoreCase(name.strip())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
