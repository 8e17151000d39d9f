package org.roomhub.hub.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate kept in the data folder: generated on the first start with
 * {@code --tls-self-signed} (EC P-256, valid {@value #VALID_YEARS} years, names {@code localhost}, this
 * machine's host name and addresses) and reused on every later start, so clients that pinned it keep
 * trusting the hub. The JDK has no public API to build a certificate; Bouncy Castle builds it, the JDK signs it.
 */
public final class SelfSignedIdentity {

    /** The certificate's file in the data folder. */
    public static final String CERT_FILE = "tls-self-signed-cert.pem";
    /** The private key's file in the data folder (permissions 600). */
    public static final String KEY_FILE = "tls-self-signed-key.pem";
    static final int VALID_YEARS = 10;

    private SelfSignedIdentity() {}

    /** The identity stored in {@code dataDir}, generated there first if absent. */
    public static TlsIdentity loadOrCreate(Path dataDir, Clock clock) throws IOException, GeneralSecurityException {
        Path cert = dataDir.resolve(CERT_FILE);
        Path key = dataDir.resolve(KEY_FILE);
        if (!Files.exists(cert) || !Files.exists(key)) {
            Files.createDirectories(dataDir);
            generate(cert, key, clock);
        }
        return PemIdentity.load(cert, key);
    }

    private static void generate(Path certFile, Path keyFile, Clock clock) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X509Certificate certificate = certificate(pair, clock.instant());
        // The key first and private from its creation; the certificate last, as the sign that both exist.
        writePrivate(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
        Path tmp = Files.createTempFile(certFile.getParent(), CERT_FILE, ".tmp");
        Files.writeString(tmp, pem(certificate), StandardCharsets.US_ASCII);
        Files.move(tmp, certFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static X509Certificate certificate(KeyPair pair, Instant now) throws GeneralSecurityException, IOException {
        String host = localHostName();
        X500Name subject = new X500Name("CN=Roomhub hub " + host.replaceAll("[,=+<>#;\"\\\\]", "_"));
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365L * VALID_YEARS))), subject, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names(host).toArray(GeneralName[]::new)));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate", e);
        }
    }

    /** localhost, the host name, and every address of this machine, so clients may use any of them. */
    private static List<GeneralName> names(String host) {
        Set<String> dns = new LinkedHashSet<>(List.of("localhost"));
        if (!host.isBlank() && host.matches("[A-Za-z0-9.-]+")) {
            dns.add(host);
        }
        Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", "0:0:0:0:0:0:0:1"));
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    String text = a.getHostAddress();
                    int zone = text.indexOf('%');
                    ips.add(zone < 0 ? text : text.substring(0, zone));
                }
            }
        } catch (SocketException e) {
            // Without the interface list the certificate names loopback only; pinning clients do not mind.
        }
        List<GeneralName> names = new ArrayList<>();
        dns.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
        ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        return names;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            throw new UncheckedIOException("another process is creating " + file, raced);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
