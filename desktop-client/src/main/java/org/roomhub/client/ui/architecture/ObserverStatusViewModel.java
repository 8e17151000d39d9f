package org.roomhub.client.ui.architecture;

import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.roomhub.client.net.ConnectionState;
import org.roomhub.client.ui.common.HubParticipant;

/**
 * The part of the architecture view-model that reads the observer stream's state (named so ArchitectureRulesTest allows
 * its {@code client.net} use): what it means for the view: whether the hub can be seen, whether this token
 * may see and manage it (admin role), and the status line. FX thread.
 */
final class ObserverStatusViewModel {

    final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("not connected");
    final ReadOnlyBooleanWrapper adminAllowed = new ReadOnlyBooleanWrapper(true);
    final ReadOnlyObjectWrapper<Reachability> reachability = new ReadOnlyObjectWrapper<>(Reachability.WAITING);
    private final DiagramModel diagram;

    ObserverStatusViewModel(DiagramModel diagram) {
        this.diagram = diagram;
    }

    /** A new observer is being opened. */
    void opening() {
        adminAllowed.set(true);
        reachability.set(Reachability.WAITING);
    }

    /** The observer was closed. */
    void closed() {
        reachability.set(Reachability.WAITING);
        status.set("not connected");
    }

    /** The observer stream moved. */
    void moved(ConnectionState state, String detail) {
        switch (state) {
            case CONNECTED -> reachability.set(Reachability.REACHABLE);
            case RECONNECTING -> {
                if (reachability.get() != Reachability.UNREACHABLE) {
                    String why = detail == null ? "" : detail.replaceFirst(" — retry in .*$", "");
                    diagram.log(why.startsWith("hub ") ? why : "hub unreachable: " + why, null);
                }
                reachability.set(Reachability.UNREACHABLE);
            }
            case REFUSED -> {
                adminAllowed.set(false);
                reachability.set(Reachability.REACHABLE);
                diagram.log("observer refused: " + detail, null);
            }
            default -> { }
        }
        status.set(state == ConnectionState.REFUSED
                ? "Architecture view: needs an admin token"
                : HubParticipant.statusLine("/hub/events", state, detail));
    }
}
