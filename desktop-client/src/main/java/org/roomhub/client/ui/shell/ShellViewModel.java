package org.roomhub.client.ui.shell;

import java.util.List;
import java.util.function.BiFunction;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.net.TransportKind;
import org.roomhub.client.ui.common.TabViewModel;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.protocol.value.RoomAddress;

/**
 * The connection bar and the tabs: which hub, token, name, room and transport; connect and
 * disconnect every tab together (choosing another transport reconnects them); the status line of
 * the selected tab.
 */
public final class ShellViewModel {

    private final StringProperty hubAddress = new SimpleStringProperty();
    private final StringProperty token = new SimpleStringProperty("");
    private final StringProperty userName = new SimpleStringProperty();
    private final StringProperty roomName = new SimpleStringProperty("lobby");
    private final ObjectProperty<Transport> transport = new SimpleObjectProperty<>(Transport.WEBSOCKET);
    private final IntegerProperty selectedTab = new SimpleIntegerProperty(0);
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("not connected");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final List<TabViewModel> tabs;
    private final BiFunction<HubEndpoint, TransportKind, HubClient> clients;
    private final String localHost;
    private HubClient hub;

    /**
     * @param tabs      the tabs' view-models, in tab order
     * @param clients   makes a hub client for an endpoint whose rooms use a transport
     * @param hubUrl    initial hub address
     * @param userName  initial display name
     * @param localHost this machine's metrics room name
     */
    public ShellViewModel(List<TabViewModel> tabs, BiFunction<HubEndpoint, TransportKind, HubClient> clients, String hubUrl, String token,
            String userName, String localHost) {
        this.tabs = List.copyOf(tabs);
        this.clients = clients;
        this.localHost = localHost;
        hubAddress.set(hubUrl);
        this.token.set(token == null ? "" : token);
        this.userName.set(userName);
        selectedTab.addListener((obs, old, now) -> bindStatus());
        transport.addListener((obs, old, now) -> {
            if (now != null && connected.get()) {
                connect();
            }
        });
        bindStatus();
    }

    /** Connects every tab to the hub in the bar, dropping any previous hub first. */
    public void connect() {
        disconnect();
        error.set("");
        if (!RoomAddress.isValidName(roomName.get())) {
            error.set("room must be 1–64 chars of A-Z a-z 0-9 . _ -");
            return;
        }
        HubEndpoint endpoint;
        try {
            endpoint = HubEndpoint.parse(hubAddress.get(), token.get());
        } catch (IllegalArgumentException e) {
            error.set("bad hub address: " + e.getMessage());
            return;
        }
        hub = clients.apply(endpoint, kindOf(transport.get()));
        SessionSettings session = new SessionSettings(userName.get(), roomName.get(), localHost);
        tabs.forEach(tab -> tab.attach(hub, session));
        connected.set(true);
    }

    /** Closes every tab's connections. */
    public void disconnect() {
        if (hub == null) {
            return;
        }
        tabs.forEach(TabViewModel::detach);
        hub.close();
        hub = null;
        connected.set(false);
    }

    /** The tab view-models. */
    public List<TabViewModel> tabs() {
        return tabs;
    }

    /** Hub address as typed. */
    public StringProperty hubAddressProperty() {
        return hubAddress;
    }

    /** Token as typed (may be empty). */
    public StringProperty tokenProperty() {
        return token;
    }

    /** Display name. */
    public StringProperty userNameProperty() {
        return userName;
    }

    /** Chat and map room name. */
    public StringProperty roomNameProperty() {
        return roomName;
    }

    /** Chosen transport; changing it while connected reconnects every tab. */
    public ObjectProperty<Transport> transportProperty() {
        return transport;
    }

    /** Index of the visible tab; the status line follows it. */
    public IntegerProperty selectedTabProperty() {
        return selectedTab;
    }

    /** Whether tabs are attached to a hub. */
    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    /** The selected tab's connection status. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the last connect was refused, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The network layer's name for a bar choice; views may not see {@code client.net}, so the mapping lives here. */
    static TransportKind kindOf(Transport choice) {
        return switch (choice == null ? Transport.WEBSOCKET : choice) {
            case WEBSOCKET -> TransportKind.WEBSOCKET;
            case SSE -> TransportKind.SSE;
            case POLLING -> TransportKind.POLLING;
        };
    }

    private void bindStatus() {
        int i = selectedTab.get();
        status.unbind();
        if (i >= 0 && i < tabs.size()) {
            status.bind(tabs.get(i).statusProperty());
        }
    }
}
