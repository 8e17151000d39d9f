/**
 * How a client trusts a hub's TLS certificate: one trust manager for the desktop (pinned on first use)
 * and the agent (pinned by the operator with {@code --trust-cert}). Plain JDK, no hub code.
 */
package org.roomhub.protocol.trust;
