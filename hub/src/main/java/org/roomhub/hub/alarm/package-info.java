/**
 * Internal: a room's alarm — one stored wake-up time per room, fired as a room event, retried with
 * back-off when the handler throws. Knows nothing of rooms or sessions: the host hands it the
 * stored time, a way to queue an event and the event to run.
 */
package org.roomhub.hub.alarm;
