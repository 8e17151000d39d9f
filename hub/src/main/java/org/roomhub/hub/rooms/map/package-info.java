/** The {@code map} room: a pin per user, a shared route, its meeting point and distances. */
package org.roomhub.hub.rooms.map;
