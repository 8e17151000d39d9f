package org.roomhub.client.ui.common;

import javafx.beans.property.ReadOnlyStringProperty;

/**
 * What the shell needs from a tab's view-model: hook it to a hub, unhook it, show its state. A tab
 * re-attached to the same hub and rooms ({@link SessionSettings#sameRoomsAs}) keeps what it shows.
 */
public interface TabViewModel extends HubParticipant {

    /** One line about the tab's connection(s), for the connection bar. */
    ReadOnlyStringProperty statusProperty();

    /** Whether the tab shows data from the hub yet (render mode waits for it). */
    boolean hasLiveData();
}
