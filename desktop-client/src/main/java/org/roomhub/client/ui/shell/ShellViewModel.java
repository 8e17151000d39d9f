package org.roomhub.client.ui.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
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
import org.roomhub.client.net.HubRefusal;
import org.roomhub.client.net.TransportKind;
import org.roomhub.client.ui.common.HubParticipant;
import org.roomhub.client.ui.common.Identity;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.client.ui.common.TabViewModel;
import org.roomhub.protocol.value.RoomAddress;

/**
 * The connection bar and the tabs: which hub, token, name, room and transport; connect and
 * disconnect every connection the app holds together (the tabs and this machine's metrics
 * publisher), so a token typed here or another transport re-makes all of them; the status line of
 * the selected tab; what the hub refused, in words.
 */
public final class ShellViewModel {

    private static final String TOKEN_OPTIONAL = "token (optional)";
    private static final String TOKEN_REQUIRED = "token (required by this hub)";

    private final StringProperty hubAddress = new SimpleStringProperty();
    private final StringProperty token = new SimpleStringProperty("");
    private final StringProperty userName = new SimpleStringProperty();
    private final StringProperty roomName = new SimpleStringProperty("lobby");
    private final ObjectProperty<TransportKind> transport = new SimpleObjectProperty<>(TransportKind.WEBSOCKET);
    private final IntegerProperty selectedTab = new SimpleIntegerProperty(0);
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("not connected");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper tokenProblem = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper tokenPrompt = new ReadOnlyStringWrapper(TOKEN_OPTIONAL);
    private final List<TabViewModel> tabs;
    private final List<HubParticipant> participants;
    private final BiFunction<HubEndpoint, TransportKind, HubClient> clients;
    private final Executor ui;
    private final Identity identity;
    private final String localHost;
    private HubClient hub;

    /**
     * @param tabs      the tabs' view-models, in tab order
     * @param others    other holders of hub connections that follow the bar (this machine's publisher)
     * @param clients   makes a hub client for an endpoint whose rooms use a transport
     * @param ui        runs a task on the UI thread
     * @param identity  who I am: the bar's name field sets it
     * @param hubUrl    initial hub address
     * @param token     initial token, or null
     * @param localHost this machine's metrics room name
     */
    public ShellViewModel(List<TabViewModel> tabs, List<? extends HubParticipant> others, BiFunction<HubEndpoint, TransportKind, HubClient> clients,
            Executor ui, Identity identity, String hubUrl, String token, String localHost) {
        this.tabs = List.copyOf(tabs);
        List<HubParticipant> all = new ArrayList<>(tabs);
        all.addAll(others);
        this.participants = List.copyOf(all);
        this.clients = clients;
        this.ui = ui;
        this.identity = identity;
        this.localHost = localHost;
        hubAddress.set(hubUrl);
        this.token.set(token == null ? "" : token);
        userName.set(identity.nameProperty().get());
        // The hub may name me (a token's user, a refused rename): the bar shows the name in use.
        identity.nameProperty().addListener((obs, old, now) -> userName.set(now));
        notice.bind(identity.noticeProperty());
        this.token.addListener((obs, old, now) -> tokenProblem.set(false));
        selectedTab.addListener((obs, old, now) -> bindStatus());
        transport.addListener((obs, old, now) -> {
            if (now != null && connected.get()) {
                connect();
            }
        });
        bindStatus();
    }

    /** Connects everything to the hub in the bar, dropping any previous connections first. */
    public void connect() {
        disconnect();
        error.set("");
        tokenProblem.set(false);
        if (!RoomAddress.isValidName(roomName.get())) {
            error.set("Room name: 1–64 characters of A-Z a-z 0-9 . _ -");
            return;
        }
        String nameProblem = identity.choose(userName.get());
        if (nameProblem != null) {
            error.set(nameProblem);
            return;
        }
        String tokenText = token.get() == null ? "" : token.get().strip();
        if (tokenText.chars().anyMatch(Character::isWhitespace)) {
            error.set("The token has spaces in it: paste it again, exactly as issued.");
            tokenProblem.set(true);
            return;
        }
        HubEndpoint endpoint;
        try {
            endpoint = HubEndpoint.parse(hubAddress.get() == null ? "" : hubAddress.get(), tokenText);
            if (endpoint.baseUrl().getHost() == null) {
                throw new IllegalArgumentException("no host in it");
            }
        } catch (IllegalArgumentException e) {
            error.set("Hub address: type host:port or http://host:port (" + e.getMessage() + ")");
            return;
        }
        HubClient client = clients.apply(endpoint, transport.get() == null ? TransportKind.WEBSOCKET : transport.get());
        hub = client;
        client.onRefusal(refusal -> ui.execute(() -> refused(client, refusal)));
        SessionSettings session = new SessionSettings(endpoint.baseUrl().toString(), identity, roomName.get(), localHost);
        participants.forEach(p -> p.attach(client, session));
        connected.set(true);
    }

    /** Makes the name typed in the bar my name everywhere, without reconnecting (Enter in the name field). */
    public void applyName() {
        String problem = identity.choose(userName.get());
        error.set(problem == null ? "" : problem);
    }

    /** Closes every connection. */
    public void disconnect() {
        if (hub == null) {
            return;
        }
        participants.forEach(HubParticipant::detach);
        hub.close();
        hub = null;
        connected.set(false);
    }

    /** Who I am. */
    public Identity identity() {
        return identity;
    }

    private void refused(HubClient from, HubRefusal refusal) {
        if (from != hub || refusal.adminOnly()) {
            return; // an old hub's late word, or only the architecture tab lacks admin rights: it says so itself
        }
        error.set(refusal.words());
        tokenProblem.set(true);
        if (refusal.status() == 401 || token.get() != null && !token.get().isBlank()) {
            tokenPrompt.set(TOKEN_REQUIRED);
        }
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

    /** The name field: my name as typed; {@link #applyName()} or connect makes it mine. */
    public StringProperty userNameProperty() {
        return userName;
    }

    /** Chat and map room name. */
    public StringProperty roomNameProperty() {
        return roomName;
    }

    /** Chosen transport; changing it while connected reconnects every tab. */
    public ObjectProperty<TransportKind> transportProperty() {
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

    /** What is wrong, in words: a field that cannot be used, or what the hub refused; empty when all is well. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Something worth knowing that is not wrong (the hub named me after my token), or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Whether the hub refused the token (the view marks the token field). */
    public ReadOnlyBooleanProperty tokenProblemProperty() {
        return tokenProblem.getReadOnlyProperty();
    }

    /** The token field's hint: optional, or required once the hub said so. */
    public ReadOnlyStringProperty tokenPromptProperty() {
        return tokenPrompt.getReadOnlyProperty();
    }

    private void bindStatus() {
        int i = selectedTab.get();
        status.unbind();
        if (i >= 0 && i < tabs.size()) {
            status.bind(tabs.get(i).statusProperty());
        }
    }
}
