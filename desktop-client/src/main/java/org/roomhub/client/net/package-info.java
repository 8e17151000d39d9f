/**
 * Talking to a hub: room sessions over WebSocket with reconnect and resume, the observer stream,
 * the REST API. No JavaFX here; callbacks come on network threads.
 */
package org.roomhub.client.net;
