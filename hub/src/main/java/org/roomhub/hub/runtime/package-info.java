/**
 * Internal: the room runtime — registry, serial queues, lifecycle states, hibernation, the output
 * gate and per-room statistics. Not an API; room authors use {@code org.roomhub.hub.room}.
 */
package org.roomhub.hub.runtime;
