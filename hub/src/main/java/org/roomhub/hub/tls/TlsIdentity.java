package org.roomhub.hub.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The hub's TLS identity: its certificate chain and private key, held in an in-memory key store for
 * Jetty, plus the SHA-256 fingerprint of the hub's own certificate that users compare and clients pin.
 *
 * @param chain the hub's certificate first, then any intermediates
 * @param keyStore a PKCS#12 store holding the key under {@link #ALIAS}
 * @param password the store's (throw-away) password
 */
public record TlsIdentity(List<X509Certificate> chain, KeyStore keyStore, String password) {

    /** Alias of the key in {@link #keyStore}. */
    public static final String ALIAS = "roomhub";

    /** An identity of {@code key} with {@code chain}; fails when the key does not match the certificate. */
    public static TlsIdentity of(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException {
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate given");
        }
        if (!chain.get(0).getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new GeneralSecurityException("the key is " + key.getAlgorithm() + " but the certificate holds a "
                    + chain.get(0).getPublicKey().getAlgorithm() + " key");
        }
        if (!matches(key, chain.get(0))) {
            throw new GeneralSecurityException("the private key does not belong to the certificate "
                    + chain.get(0).getSubjectX500Principal().getName());
        }
        String password = Long.toHexString(new java.security.SecureRandom().nextLong());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        store.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(X509Certificate[]::new));
        return new TlsIdentity(List.copyOf(chain), store, password);
    }

    /** Whether {@code key} signs what {@code certificate}'s public key verifies. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return true; // no probe for this kind of key: the TLS handshake will tell
        }
        byte[] probe = "roomhub key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        return verifier.verify(signature);
    }

    /** The hub's own certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The SHA-256 fingerprint of the hub's certificate, as {@code AB:CD:…} (the form browsers and keytool print). */
    public String fingerprint() {
        return fingerprint(certificate());
    }

    /** The SHA-256 fingerprint of {@code certificate}'s DER encoding, upper-case hex pairs joined by colons. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the certificate", e);
        }
    }
}
