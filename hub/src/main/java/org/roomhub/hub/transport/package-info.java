/** Transports that carry room sessions: WebSocket (and later SSE and polling). Room code never sees them. */
package org.roomhub.hub.transport;
