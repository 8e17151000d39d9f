package org.roomhub.client.net;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.Optional;

/**
 * The hub shows another TLS certificate than the one pinned on first use. Either its certificate was
 * replaced (then the user removes the old pin) or someone is in the middle: the client refuses to talk.
 * {@link #getMessage()} says so in words the UI can show as it is.
 */
public final class HubCertificateChangedException extends CertificateException {

    private final String hub;
    private final String pinned;
    private final String presented;
    private final Path knownHubs;

    /** {@code hub} ({@code host:port}) presented {@code presented} where {@code pinned} was pinned in {@code knownHubs}. */
    public HubCertificateChangedException(String hub, String pinned, String presented, Path knownHubs) {
        super("The hub at " + hub + " shows a different certificate than the one this computer pinned on first use. "
                + "Someone may be intercepting the connection, so Roomhub will not connect. If the hub's certificate was "
                + "replaced on purpose (compare the fingerprint the hub prints at start: " + presented + "), remove the line "
                + "for " + hub + " from " + knownHubs + " and connect again. Pinned: " + pinned + ".");
        this.hub = hub;
        this.pinned = pinned;
        this.presented = presented;
        this.knownHubs = knownHubs;
    }

    /** The hub, {@code host:port}. */
    public String hub() {
        return hub;
    }

    /** The SHA-256 fingerprint pinned on first use. */
    public String pinned() {
        return pinned;
    }

    /** The SHA-256 fingerprint the hub showed now. */
    public String presented() {
        return presented;
    }

    /** The file holding the pin. */
    public Path knownHubs() {
        return knownHubs;
    }

    /** This exception among the causes of {@code error} (a failed connect or request wraps it), if there. */
    public static Optional<HubCertificateChangedException> in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HubCertificateChangedException changed) {
                return Optional.of(changed);
            }
        }
        return Optional.empty();
    }
}
