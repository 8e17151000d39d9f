package org.roomhub.hub;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import org.roomhub.hub.config.HubConfig;
import org.roomhub.hub.tls.PemIdentity;
import org.roomhub.hub.tls.SelfSignedIdentity;
import org.roomhub.hub.tls.TlsIdentity;

/** Picks the hub's TLS identity from its settings: the PEM files given, or the self-signed one in the data folder. */
final class Tls {

    private Tls() {}

    /** The identity; an {@link IllegalStateException} says in words what is wrong with the settings or files. */
    static TlsIdentity identity(HubConfig config) {
        HubConfig.TlsConfig tls = config.tls;
        if (tls.selfSigned && (tls.certFile != null || tls.keyFile != null)) {
            throw new IllegalStateException("give either --tls-self-signed or --tls-cert with --tls-key, not both");
        }
        if ((tls.certFile == null) != (tls.keyFile == null)) {
            throw new IllegalStateException("--tls-cert and --tls-key go together: give both PEM files");
        }
        try {
            return tls.selfSigned ? SelfSignedIdentity.loadOrCreate(config.storage.dataDir, Clock.systemUTC())
                    : PemIdentity.load(tls.certFile, tls.keyFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the TLS certificate: " + e.getMessage(), e);
        }
    }
}
