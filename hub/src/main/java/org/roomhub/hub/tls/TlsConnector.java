package org.roomhub.hub.tls;

import java.util.function.BiFunction;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The hub's only connector when TLS is on: HTTP/1.1 (and so WebSocket upgrades) inside TLS, by Jetty's
 * {@link SslContextFactory.Server} over the JDK's TLS. Given to Javalin's {@code jetty.addConnector}, which
 * then opens no plain connector.
 */
public final class TlsConnector {

    private TlsConnector() {}

    /** A connector factory for {@code identity} listening on {@code host}:{@code port}. */
    public static BiFunction<Server, HttpConfiguration, Connector> of(TlsIdentity identity, String host, int port) {
        return (server, http) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(identity.keyStore());
            ssl.setKeyStorePassword(identity.password());
            ssl.setCertAlias(TlsIdentity.ALIAS);
            HttpConfiguration https = new HttpConfiguration(http);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // LAN hubs are reached by IP address, which SNI never carries; the certificate is pinned, not matched by name.
            secure.setSniHostCheck(false);
            https.addCustomizer(secure);
            ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(https));
            connector.setHost(host);
            connector.setPort(port);
            return connector;
        };
    }
}
