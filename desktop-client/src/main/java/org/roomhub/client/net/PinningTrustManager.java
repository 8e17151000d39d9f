package org.roomhub.client.net;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust for one hub: a certificate the JDK's CAs vouch for (host name included) is accepted as usual;
 * any other — a self-signed LAN hub — is pinned on first use in {@link KnownHubs} and from then on
 * accepted only while it is the same certificate, like SSH. A changed one fails with
 * {@link HubCertificateChangedException}.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {

    private final String hub;
    private final KnownHubs known;
    private final X509ExtendedTrustManager system;

    private PinningTrustManager(String hub, KnownHubs known, X509ExtendedTrustManager system) {
        this.hub = hub;
        this.known = known;
        this.system = system;
    }

    /** A TLS context whose server checks are those of this class, for the hub at {@code hub} ({@code host:port}). */
    static SSLContext context(String hub, KnownHubs known) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            X509ExtendedTrustManager system = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    system = x;
                }
            }
            if (system == null) {
                throw new IllegalStateException("the JDK offers no X.509 trust manager");
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new PinningTrustManager(hub, known, system)}, null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    /** The SHA-256 fingerprint of a certificate, {@code AB:CD:…}, as the hub prints it. */
    static String fingerprint(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot fingerprint the hub's certificate", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        systemOrPinned(() -> system.checkServerTrusted(chain, authType, engine), chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        systemOrPinned(() -> system.checkServerTrusted(chain, authType, socket), chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        systemOrPinned(() -> system.checkServerTrusted(chain, authType), chain);
    }

    /** A check of the JDK's trust manager. */
    @FunctionalInterface
    private interface Check {
        void run() throws CertificateException;
    }

    /** A certificate the JDK's CAs vouch for passes as usual; any other must be the pinned one. */
    private void systemOrPinned(Check system, X509Certificate[] chain) throws CertificateException {
        try {
            system.run();
        } catch (CertificateException notFromACa) {
            pinned(chain);
        }
    }

    /** Trust on first use; afterwards only the same certificate. */
    private void pinned(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the hub at " + hub + " showed no certificate");
        }
        chain[0].checkValidity();
        String presented = fingerprint(chain[0]);
        Optional<String> pin = known.pinned(hub);
        if (pin.isEmpty()) {
            known.pin(hub, presented);
        } else if (!pin.get().equalsIgnoreCase(presented)) {
            throw new HubCertificateChangedException(hub, pin.get(), presented, known.file());
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the desktop does not accept TLS clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return system.getAcceptedIssuers();
    }
}
