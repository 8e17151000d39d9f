package org.roomhub.protocol.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * SHA-256 certificate fingerprints in the one form the hub prints them ({@code AB:CD:…}, 32 bytes),
 * and what an operator may type for one: that form, with or without colons, any case, optionally
 * prefixed {@code SHA256:} or {@code SHA-256:}, or the path of a PEM file whose certificates are trusted.
 */
public final class Fingerprints {

    private Fingerprints() {}

    /** The SHA-256 fingerprint of {@code certificate}, {@code AB:CD:…}. */
    public static String of(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot fingerprint the certificate", e);
        }
    }

    /**
     * The fingerprints {@code spec} names: a PEM file's certificates if it is a readable file, else one
     * typed fingerprint. A clear {@link IllegalArgumentException} otherwise.
     */
    public static List<String> parse(String spec) {
        String text = spec == null ? "" : spec.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("give a SHA-256 fingerprint (SHA256:AB:CD:…) or a PEM certificate file");
        }
        Path file = Path.of(text.replaceFirst("^(?i)file:", ""));
        if (!looksLikeFingerprint(text) && Files.isRegularFile(file)) {
            return fromPem(file);
        }
        return List.of(normalize(text));
    }

    /** {@code text} as {@code AB:CD:…}; {@link IllegalArgumentException} when it is not 32 bytes of hex. */
    public static String normalize(String text) {
        String hex = text.strip().replaceFirst("^(?i)sha-?256[:=/ ]?", "").replaceAll("[:\\s-]", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            throw new IllegalArgumentException("'" + text + "' is neither a SHA-256 fingerprint (64 hex digits, e.g. the "
                    + "\"TLS certificate SHA-256 fingerprint\" the hub prints) nor a readable PEM certificate file");
        }
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
    }

    private static boolean looksLikeFingerprint(String text) {
        try {
            normalize(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> fromPem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<String> pins = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                pins.add(of((X509Certificate) c));
            }
            if (pins.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no certificate");
            }
            return pins;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read a certificate from " + file + ": " + e.getMessage(), e);
        }
    }
}
