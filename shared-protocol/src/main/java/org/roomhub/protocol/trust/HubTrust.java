package org.roomhub.protocol.trust;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust for hubs, the one way through for every client: a certificate the JDK's CAs vouch for (host
 * name included) passes as usual, when asked to; any other — a LAN hub's self-signed one — goes to
 * {@link Pins}, which knows the fingerprints this client accepts for the hub at {@code host:port}.
 * The hub is read from the TLS engine, so one context serves several hub URLs.
 */
public final class HubTrust extends X509ExtendedTrustManager {

    /** Decides about a certificate no CA vouches for; throws to refuse it. */
    @FunctionalInterface
    public interface Pins {
        /**
         * @param hub         {@code host:port} as the client dialled it
         * @param fingerprint the certificate's SHA-256 fingerprint, {@code AB:CD:…}
         */
        void check(String hub, String fingerprint) throws CertificateException;
    }

    private final X509ExtendedTrustManager system;
    private final Pins pins;

    private HubTrust(X509ExtendedTrustManager system, Pins pins) {
        this.system = system;
        this.pins = pins;
    }

    /**
     * A TLS context trusting hubs by {@code pins}; with {@code systemCas} a certificate from the JDK's
     * CAs passes too (without, the CA store is never loaded: a few MiB less for a small agent).
     */
    public static SSLContext context(boolean systemCas, Pins pins) {
        try {
            X509ExtendedTrustManager system = systemCas ? systemTrust() : null;
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new HubTrust(system, pins)}, null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    /**
     * Pins that accept only {@code fingerprints} (any of them, for every hub), and otherwise say which
     * fingerprint the hub showed and how to trust it ({@code optionName}, e.g. {@code --trust-cert}).
     */
    public static Pins only(Collection<String> fingerprints, String optionName) {
        Set<String> accepted = fingerprints.stream().map(Fingerprints::normalize).collect(Collectors.toUnmodifiableSet());
        return (hub, fingerprint) -> {
            if (!accepted.contains(fingerprint)) {
                throw new CertificateException("the hub at " + hub + " shows a certificate no CA vouches for, SHA-256 "
                        + fingerprint + (accepted.isEmpty() ? "" : ", which is not the one given with " + optionName)
                        + "; if that is the fingerprint the hub printed at start, give " + optionName + " SHA256:" + fingerprint
                        + " (or the hub's certificate file)");
            }
        };
    }

    /** {@code host:port} without IPv6 brackets, lower case: the key pins are kept under. */
    public static String hubKey(String host, int port) {
        String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h + ":" + port;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        String hub = engine == null ? "the hub" : hubKey(engine.getPeerHost(), engine.getPeerPort());
        if (!passesSystem(() -> system.checkServerTrusted(chain, authType, engine))) {
            pinned(hub, chain);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        String hub = socket instanceof SSLSocket s && s.getHandshakeSession() != null
                ? hubKey(s.getHandshakeSession().getPeerHost(), s.getHandshakeSession().getPeerPort()) : "the hub";
        if (!passesSystem(() -> system.checkServerTrusted(chain, authType, socket))) {
            pinned(hub, chain);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (!passesSystem(() -> system.checkServerTrusted(chain, authType))) {
            pinned("the hub", chain);
        }
    }

    @FunctionalInterface
    private interface Check {
        void run() throws CertificateException;
    }

    private boolean passesSystem(Check check) {
        if (system == null) {
            return false;
        }
        try {
            check.run();
            return true;
        } catch (CertificateException notFromACa) {
            return false;
        }
    }

    private void pinned(String hub, X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the hub at " + hub + " showed no certificate");
        }
        chain[0].checkValidity();
        pins.check(hub, Fingerprints.of(chain[0]));
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
        throw new CertificateException("a hub client accepts no TLS clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return system == null ? new X509Certificate[0] : system.getAcceptedIssuers();
    }

    private static X509ExtendedTrustManager systemTrust() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }
}
