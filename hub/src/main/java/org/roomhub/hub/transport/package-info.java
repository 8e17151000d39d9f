/** Transports that carry room sessions (WebSocket, SSE, HTTP polling) and the bounded outbound queue they share. Room code never sees them. */
package org.roomhub.hub.transport;
