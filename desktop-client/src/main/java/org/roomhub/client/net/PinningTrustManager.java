package org.roomhub.client.net;

import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.roomhub.protocol.trust.HubTrust;

/**
 * Trust for the desktop's hubs, through the clients' one {@link HubTrust}: a certificate the JDK's CAs
 * vouch for (host name included) is accepted as usual; any other — a self-signed LAN hub — is pinned on
 * first use in {@link KnownHubs} and from then on accepted only while it is the same certificate, like
 * SSH. A changed one fails with {@link HubCertificateChangedException}. The pin is kept per
 * {@code host:port} the TLS engine dialled, so one context serves every URL of a several-hub address.
 */
final class PinningTrustManager {

    private PinningTrustManager() {}

    /** A TLS context for hubs pinned in {@code known}. */
    static SSLContext context(KnownHubs known) {
        return HubTrust.context(true, (hub, presented) -> {
            Optional<String> pin = known.pinned(hub);
            if (pin.isEmpty()) {
                known.pin(hub, presented);
            } else if (!pin.get().equalsIgnoreCase(presented)) {
                throw new HubCertificateChangedException(hub, pin.get(), presented, known.file());
            }
        });
    }
}
