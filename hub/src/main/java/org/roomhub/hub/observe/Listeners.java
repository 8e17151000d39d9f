package org.roomhub.hub.observe;

import java.util.List;
import org.roomhub.hub.runtime.ClientSession;
import org.roomhub.hub.runtime.RoomListener;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomState;

/** Tells several listeners the same thing. */
public record Listeners(List<RoomListener> all) implements RoomListener {

    @Override
    public void stateChanged(RoomAddress room, RoomState from, RoomState to, long at) {
        all.forEach(l -> l.stateChanged(room, from, to, at));
    }

    @Override
    public void clientConnected(RoomAddress room, ClientSession session) {
        all.forEach(l -> l.clientConnected(room, session));
    }

    @Override
    public void clientDisconnected(RoomAddress room, ClientSession session, int code, String reason) {
        all.forEach(l -> l.clientDisconnected(room, session, code, reason));
    }

    @Override
    public void flow(RoomAddress room, String from, List<String> to, String msgType, int bytes, long at) {
        all.forEach(l -> l.flow(room, from, to, msgType, bytes, at));
    }

    @Override
    public void delivered(RoomAddress room, int recipients, int bytes) {
        all.forEach(l -> l.delivered(room, recipients, bytes));
    }

    @Override
    public void alarmFired(RoomAddress room, long at) {
        all.forEach(l -> l.alarmFired(room, at));
    }

    @Override
    public void woke(RoomAddress room, long nanos) {
        all.forEach(l -> l.woke(room, nanos));
    }

    @Override
    public void handlerFailed(RoomAddress room, Throwable error) {
        all.forEach(l -> l.handlerFailed(room, error));
    }
}
