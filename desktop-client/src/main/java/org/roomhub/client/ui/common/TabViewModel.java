package org.roomhub.client.ui.common;

import javafx.beans.property.ReadOnlyStringProperty;
import org.roomhub.client.net.HubClient;

/** What the shell needs from a tab's view-model: hook it to a hub, unhook it, show its state. */
public interface TabViewModel {

    /** Starts using {@code hub} with the shell's {@code session} settings. */
    void attach(HubClient hub, SessionSettings session);

    /** Closes the tab's connections. */
    void detach();

    /** One line about the tab's connection(s), for the connection bar. */
    ReadOnlyStringProperty statusProperty();

    /** Whether the tab shows data from the hub yet (render mode waits for it). */
    boolean hasLiveData();
}
