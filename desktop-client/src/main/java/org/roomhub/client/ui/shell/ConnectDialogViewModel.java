package org.roomhub.client.ui.shell;

import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.net.HubProbe;
import org.roomhub.client.net.TransportKind;
import org.roomhub.client.settings.DesktopSettings.RecentHub;

/**
 * "Connect to hub": recent hubs to pick from, an address and a token. Connect asks the hub once
 * (off the FX thread) and only when it answers hands the address and token to the connection bar
 * and connects; otherwise it says why (unreachable, 401, 403, certificate changed) and changes nothing.
 */
public final class ConnectDialogViewModel {

    private final ShellViewModel shell;
    private final BiFunction<HubEndpoint, TransportKind, HubClient> clients;
    private final Executor ui;
    private final ObservableList<RecentHub> recent = FXCollections.observableArrayList();
    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty token = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(false);

    /**
     * @param shell   the connection bar it fills in
     * @param clients makes the client that asks the hub
     * @param ui      runs a task on the UI thread
     */
    public ConnectDialogViewModel(ShellViewModel shell, BiFunction<HubEndpoint, TransportKind, HubClient> clients, Executor ui) {
        this.shell = shell;
        this.clients = clients;
        this.ui = ui;
        // Whatever the bar connects to becomes the newest recent hub.
        shell.connectedProperty().addListener((obs, was, is) -> {
            if (is) {
                remember(new RecentHub(shell.hubAddressProperty().get(), shell.tokenProperty().get()));
            }
        });
    }

    /** Opens the dialog with the bar's address and token. */
    public void open() {
        address.set(shell.hubAddressProperty().get());
        token.set(shell.tokenProperty().get());
        problem.set("");
        done.set(false);
    }

    /** Fills the fields from a recent hub. */
    public void choose(RecentHub hub) {
        if (hub != null) {
            address.set(hub.url());
            token.set(hub.token() == null ? "" : hub.token());
            problem.set("");
        }
    }

    /** Asks the hub; connects the app when it answers. */
    public void connect() {
        String tokenText = token.get() == null ? "" : token.get().strip();
        HubEndpoint endpoint;
        try {
            endpoint = HubEndpoint.parse(address.get() == null ? "" : address.get().strip(), tokenText);
            if (endpoint.baseUrl().getHost() == null) {
                throw new IllegalArgumentException("no host in it");
            }
        } catch (IllegalArgumentException e) {
            problem.set("Hub address: type host:port or http://host:port (" + e.getMessage() + ").");
            return;
        }
        busy.set(true);
        problem.set("Asking " + endpoint.display() + "…");
        HubClient probe = clients.apply(endpoint, TransportKind.WEBSOCKET);
        HubProbe.problem(probe).thenAccept(wrong -> ui.execute(() -> {
            probe.close();
            busy.set(false);
            if (wrong != null) {
                problem.set(wrong);
                return;
            }
            problem.set("");
            shell.hubAddressProperty().set(address.get().strip());
            shell.tokenProperty().set(tokenText);
            shell.connect();
            done.set(true);
        }));
    }

    /** Puts {@code hub} first among the recent hubs. */
    public void remember(RecentHub hub) {
        if (hub.url() == null || hub.url().isBlank()) {
            return;
        }
        recent.removeIf(h -> h.url().equals(hub.url()));
        recent.add(0, new RecentHub(hub.url(), hub.token() == null ? "" : hub.token()));
        while (recent.size() > org.roomhub.client.settings.DesktopSettings.RECENT_LIMIT) {
            recent.remove(recent.size() - 1);
        }
    }

    /** Recent hubs, newest first. */
    public ObservableList<RecentHub> recent() {
        return recent;
    }

    /** The address field. */
    public StringProperty addressProperty() {
        return address;
    }

    /** The token field. */
    public StringProperty tokenProperty() {
        return token;
    }

    /** What went wrong, in words, or a progress line, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Whether the hub is being asked. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Whether the app connected (the dialog closes). */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }
}
