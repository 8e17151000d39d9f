package org.roomhub.client.net;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;

/**
 * Turns what a dropped connection reports (an exception, a close code) into words for the status
 * line: "hub restarting", "hub unreachable", "connection lost", never a bare exception name.
 */
final class FailureWords {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private FailureWords() {}

    /** Why an attempt or a live link failed with {@code error}. */
    static String of(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof ConnectException || t instanceof HttpTimeoutException) {
                break;
            }
            t = t.getCause();
        }
        if (t instanceof ConnectException) {
            return "hub unreachable (nothing answers)";
        }
        if (t instanceof HttpTimeoutException) {
            return "hub did not answer in time";
        }
        if (t instanceof ClosedChannelException || t instanceof EOFException) {
            return "connection lost (the hub may be restarting)";
        }
        String message = t.getMessage();
        if (message != null && (message.contains("Connection refused") || message.contains("connect timed out"))) {
            return "hub unreachable (nothing answers)";
        }
        if (message != null && (message.contains("closed") || message.contains("reset") || message.contains("EOF"))) {
            return "connection lost (the hub may be restarting)";
        }
        return "connection lost (" + (message != null ? message : t.getClass().getSimpleName()) + ")";
    }

    /** The {@code message} of the hub's JSON error body ({@code {"error":…,"message":…}}), or empty. */
    static String hubMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            return JSON.readTree(body).path("message").asText("");
        } catch (java.io.IOException | RuntimeException e) {
            return ""; // not the hub's JSON (a proxy's or a stopping server's page): nothing worth showing
        }
    }

    /** Why an HTTP answer with {@code status} (not 2xx, not 401/403) ended an attempt; {@code hubMessage} may be empty. */
    static String ofStatus(int status, String hubMessage) {
        String said = hubMessage == null || hubMessage.isBlank() ? "" : ": " + hubMessage;
        if (status >= 500) {
            return "the hub is not answering normally (HTTP " + status + said + "; it may be restarting)";
        }
        return "the hub answered HTTP " + status + said;
    }

    /** Why the hub closed a WebSocket or a polling session with {@code code} and {@code reason}. */
    static String ofClose(int code, String reason) {
        String said = reason == null || reason.isBlank() ? "" : ": " + reason;
        return switch (code) {
            case 1001 -> "hub restarting (it said goodbye" + said + ")";
            case 1012 -> "hub restarting";
            case 1000 -> "closed by the hub" + said;
            case 1013 -> "the hub asked to reconnect (this client fell behind)";
            case 1006 -> "connection lost";
            default -> "closed by the hub (" + code + said + ")";
        };
    }
}
