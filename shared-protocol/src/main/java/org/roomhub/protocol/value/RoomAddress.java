package org.roomhub.protocol.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * A room's type and name, written {@code type/name} on the wire. A name is 1–64 characters of
 * {@code [A-Za-z0-9._-]}; a type is lower-case letters, digits and dashes.
 */
public record RoomAddress(String type, String name) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** Checks both parts. */
    public RoomAddress {
        if (!isValidType(type)) {
            throw new IllegalArgumentException("room type must match " + TYPE.pattern() + ": " + type);
        }
        if (!isValidName(name)) {
            throw new IllegalArgumentException("room name must be 1–64 chars of [A-Za-z0-9._-]: " + name);
        }
    }

    /** Whether {@code name} is a valid room name. */
    public static boolean isValidName(String name) {
        // "." and ".." match the character rule but are normalised away in URLs, so no client could reach them.
        return name != null && NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** Whether {@code type} is a valid room type identifier. */
    public static boolean isValidType(String type) {
        return type != null && TYPE.matcher(type).matches();
    }

    /** Reads {@code type/name}. */
    @JsonCreator
    public static RoomAddress parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("room must be written type/name: " + text);
        }
        return new RoomAddress(text.substring(0, slash), text.substring(slash + 1));
    }

    /** {@code type/name}. */
    @JsonValue
    @Override
    public String toString() {
        return type + "/" + name;
    }
}
