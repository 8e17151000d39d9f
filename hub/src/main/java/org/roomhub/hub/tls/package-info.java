/** TLS: the hub's certificate (PEM files or a self-signed one kept in the data folder) and its Jetty connector. */
package org.roomhub.hub.tls;
