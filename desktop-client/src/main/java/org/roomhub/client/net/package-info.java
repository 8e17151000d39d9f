/**
 * Talking to a hub: room sessions over WebSocket, Server-Sent Events or HTTP long polling (one
 * {@code RoomTransport} each, sharing reconnect with backoff and resume), the observer stream, the
 * REST API. No JavaFX here; callbacks come on network threads.
 */
package org.roomhub.client.net;
