/**
 * What a room author implements and uses: {@link org.roomhub.hub.room.RoomType},
 * {@link org.roomhub.hub.room.RoomObject}, {@link org.roomhub.hub.room.RoomContext},
 * {@link org.roomhub.hub.room.Connection}, {@link org.roomhub.hub.room.RoomStorage} and
 * {@link org.roomhub.hub.room.RoomAlarm}. The built-in rooms use nothing else.
 */
package org.roomhub.hub.room;
