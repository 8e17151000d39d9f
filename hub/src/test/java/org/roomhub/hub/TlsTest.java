package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.hub.auth.Role;
import org.roomhub.hub.auth.RoomPattern;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;
import org.roomhub.hub.tls.SelfSignedIdentity;
import org.roomhub.hub.tls.TlsIdentity;

/** A hub given a certificate serves https/wss only; plain JDK clients that trust the certificate use it. */
class TlsTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().notStarted();
    @TempDir
    Path elsewhere;

    static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** An HTTP client that trusts exactly {@code certificate}, with the JDK's normal host name checks. */
    static HttpClient trusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("hub", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void a_wss_client_trusting_the_stored_self_signed_certificate_joins_and_plain_http_gets_nothing() throws Exception {
        hub.start(cfg -> {
            cfg.tls.selfSigned = true;
            cfg.network.bind = "0.0.0.0";
        });
        X509Certificate stored = read(hub.data().resolve(SelfSignedIdentity.CERT_FILE));
        assertThat(hub.hub().scheme()).isEqualTo("https");
        assertThat(hub.hub().tls().orElseThrow().fingerprint()).isEqualTo(TlsIdentity.fingerprint(stored))
                .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        HttpClient http = trusting(stored);
        String base = "https://127.0.0.1:" + hub.port();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(), HttpResponse.BodyHandlers.ofString())
                .body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
        String token = hub.hub().tokens().issue("alice", Role.MEMBER, RoomPattern.parseList("chat/*"), false, Duration.ofHours(1));
        try (WsClient a = WsClient.connect(http, URI.create("wss://127.0.0.1:" + hub.port() + "/rooms/chat/secure?token=" + token));
                WsClient b = WsClient.connect(http, URI.create("wss://127.0.0.1:" + hub.port() + "/rooms/chat/secure?token=" + token))) {
            assertThat(a.await("connected").path("user").asText()).isEqualTo("alice");
            b.await("presence");
            a.send("{\"type\":\"chat-message\",\"text\":\"over tls\"}");
            assertThat(b.await("chat-message").path("text").asText()).isEqualTo("over tls");
        }
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + "/healthz"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOfAny(java.io.IOException.class);
        // A client that trusts only the JDK's CAs refuses the self-signed certificate.
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void the_self_signed_certificate_is_generated_once_and_reused_after_a_restart() throws Exception {
        String first;
        hub.start(cfg -> cfg.tls.selfSigned = true);
        first = hub.hub().tls().orElseThrow().fingerprint();
        hub.restart();
        assertThat(hub.hub().tls().orElseThrow().fingerprint()).isEqualTo(first);
        hub.stop();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(hub.data().resolve(SelfSignedIdentity.KEY_FILE)))).isEqualTo("rw-------");
    }

    @Test
    void a_hub_given_pem_files_serves_that_certificate_and_a_key_of_another_certificate_is_refused_in_words() throws Exception {
        TlsIdentity made = SelfSignedIdentity.loadOrCreate(elsewhere, Clock.systemUTC());
        Path cert = elsewhere.resolve(SelfSignedIdentity.CERT_FILE);
        Path key = elsewhere.resolve(SelfSignedIdentity.KEY_FILE);
        hub.start(cfg -> {
            cfg.tls.certFile = cert;
            cfg.tls.keyFile = key;
        });
        assertThat(hub.hub().tls().orElseThrow().fingerprint()).isEqualTo(made.fingerprint());
        HttpResponse<String> health = trusting(made.certificate()).send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + hub.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        hub.stop();
        Path other = Files.createDirectories(elsewhere.resolve("other"));
        SelfSignedIdentity.loadOrCreate(other, Clock.systemUTC());
        assertThatThrownBy(() -> hub.start(cfg -> {
            cfg.tls.certFile = cert;
            cfg.tls.keyFile = other.resolve(SelfSignedIdentity.KEY_FILE);
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("does not belong to the certificate");
        assertThatThrownBy(() -> hub.start(cfg -> cfg.tls.certFile = cert))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("--tls-key");
    }
}
