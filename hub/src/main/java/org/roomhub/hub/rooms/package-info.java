/** The built-in room types, written only against {@code org.roomhub.hub.room}: proof the public API is enough. */
package org.roomhub.hub.rooms;
