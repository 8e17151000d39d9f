package org.roomhub.client.ui.architecture;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.roomhub.client.ui.common.FieldTooltip;

/**
 * The architecture view's controls: counters, the room the buttons act on, simulated clients and
 * what they send, the hibernation delay, and the event log (details on hover). Every control
 * says what it does in a tooltip.
 */
final class ArchitectureSidebar extends VBox {

    private final ArchitectureViewModel viewModel;
    /**
     * Not bound to the label: the total changes with every hub frame, and a label changed while its tab is hidden
     * still costs a pulse (issue 12: the app at rest pulsed for it). The view calls {@link #refreshCounters} per frame in sight.
     */
    private final javafx.beans.binding.StringBinding counterText;
    private final Label counters = new Label();
    /**
     * What the event log shows: the view-model's log while the tab is in sight, left as it was while hidden. A list
     * view whose lines move every second (a room's repeats are counted on the top line) restyles and lays out its
     * cells even in a hidden tab (issue 12); coming into sight it catches up in one go.
     */
    private final javafx.collections.ObservableList<LogEntry> shownLog = javafx.collections.FXCollections.observableArrayList();
    private boolean logFollowed;

    /** The controls for {@code viewModel}. */
    ArchitectureSidebar(ArchitectureViewModel viewModel) {
        this.viewModel = viewModel;
        counters.setId("architecture-counters");
        counterText = javafx.beans.binding.Bindings.createStringBinding(() -> String.format(
                "%d rooms · %d clients%n%,d frames seen · %.0f frames/s now", viewModel.roomKeys().size(), viewModel.clients().size(),
                viewModel.totalFlowsProperty().get(), viewModel.flowsPerSecondProperty().get()),
                viewModel.roomKeys(), viewModel.clients(), viewModel.totalFlowsProperty(), viewModel.flowsPerSecondProperty());
        counters.setText(counterText.get());
        counters.getStyleClass().add("section-title");
        counters.setWrapText(true);
        counters.setMinHeight(Region.USE_PREF_SIZE);
        counters.setTooltip(new Tooltip("Frames: every message a room received or sent, counted over the last second."
                + " The figure over a room box is that room's share."));

        ComboBox<String> room = new ComboBox<>(viewModel.roomKeys());
        room.setId("architecture-room");
        room.valueProperty().bindBidirectional(viewModel.selectedRoomProperty());
        room.setMaxWidth(Double.MAX_VALUE);
        room.setTooltip(new Tooltip("The room the buttons below act on"));
        Button add = button("architecture-add-client", "Add client", () -> viewModel.addSimulatedClient(room.getValue()),
                "Open a simulated client in this room: a real connection from this app, drawn in violet");
        MenuButton send = sendMenu(room);
        Button broadcast = button("architecture-broadcast", "Broadcast", () -> viewModel.broadcast(room.getValue()),
                "The simulated client sends a message the room passes to everyone in it (chat text, a map pin, a metric)");
        Button hibernate = button("architecture-hibernate", "Hibernate now", () -> viewModel.forceHibernate(room.getValue()),
                "Ask the hub to evict this room from memory now; its connections stay open and the next message wakes it");
        TextField delay = new TextField();
        delay.setId("architecture-delay");
        delay.setPrefWidth(80);
        delay.setMinWidth(70);
        delay.textProperty().bindBidirectional(viewModel.delayTextProperty());
        delay.setOnAction(e -> viewModel.applyHibernationDelay());
        FieldTooltip.install(delay, "Seconds a room may sit idle before the hub hibernates it (1–3600); Enter applies it");
        Button setDelay = button("architecture-set-delay", "Set", viewModel::applyHibernationDelay,
                "Apply this idle delay to every room of the hub");
        Label delayProblem = new Label();
        delayProblem.setId("architecture-delay-problem");
        delayProblem.getStyleClass().add("error");
        delayProblem.setWrapText(true);
        delayProblem.setMinHeight(Region.USE_PREF_SIZE); // wrapped, not cut off
        delayProblem.textProperty().bind(viewModel.delayProblemProperty());
        delayProblem.visibleProperty().bind(viewModel.delayProblemProperty().isNotEmpty());
        delayProblem.managedProperty().bind(delayProblem.visibleProperty());
        // Without admin rights nothing here may act; the tab says why instead of looping on 403.
        Label needsAdmin = new Label("The architecture view needs an admin token: enter one in the connection bar and press "
                + "Reconnect. Its controls are off until then.");
        needsAdmin.setId("architecture-needs-admin");
        needsAdmin.getStyleClass().add("error");
        needsAdmin.setWrapText(true);
        needsAdmin.setMinHeight(Region.USE_PREF_SIZE);
        needsAdmin.visibleProperty().bind(viewModel.adminAllowedProperty().not());
        needsAdmin.managedProperty().bind(needsAdmin.visibleProperty());
        for (javafx.scene.Node control : List.of(room, add, send, broadcast, hibernate, delay, setDelay)) {
            control.disableProperty().bind(viewModel.adminAllowedProperty().not());
        }

        ListView<LogEntry> log = new ListView<>(shownLog);
        logInSight(true);
        log.setId("architecture-log");
        log.getStyleClass().add("event-log");
        log.setMinHeight(80);
        log.setTooltip(new Tooltip("What the hub did, newest first; repeats are counted (×N). Hover a line for its details."));
        // Long entries wrap inside the sidebar; the technical particulars are on hover.
        log.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            {
                setWrapText(true);
                prefWidthProperty().bind(list.widthProperty().subtract(18));
            }

            /** One per cell, its text changed with the line: a cell shows a new line every time the log moves. */
            private final Tooltip detail = new Tooltip();

            @Override
            protected void updateItem(LogEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                setText(empty || entry == null ? null : entry.line());
                if (empty || entry == null || entry.detail() == null) {
                    setTooltip(null);
                } else {
                    detail.setText(entry.detail());
                    setTooltip(detail);
                }
            }
        });
        VBox.setVgrow(log, Priority.ALWAYS);

        Label hint = new Label("Click a client in the diagram to disconnect it. Hover a log line for details.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        FlowPane actions = new FlowPane(6, 6, add, send, broadcast, hibernate);
        setSpacing(7);
        getChildren().setAll(counters, needsAdmin, section("Room"), room, actions,
                section("Hibernate after idle (s)"), new HBox(6, delay, setDelay), delayProblem, hint, section("Events"), log);
        setPadding(new Insets(10));
        setPrefWidth(290);
        setMinWidth(250);
        getStyleClass().add("sidebar");
    }

    /** "Send": a menu that says what each choice sends and to whom, built when it opens. */
    private MenuButton sendMenu(ComboBox<String> room) {
        MenuButton send = new MenuButton("Send");
        send.setId("architecture-send");
        send.setMinWidth(Region.USE_PREF_SIZE);
        send.setTooltip(new Tooltip("Send one frame through the simulated client: a ping, or (in a chat room) a direct message to a person you pick"));
        send.setOnShowing(e -> {
            List<SendChoice> choices = viewModel.sendChoices(room.getValue());
            if (choices.isEmpty()) {
                MenuItem none = new MenuItem("Add a client first: sends go through a client this app opened");
                none.setDisable(true);
                send.getItems().setAll(none);
            } else {
                send.getItems().setAll(choices.stream().map(c -> {
                    MenuItem item = new MenuItem(c.label());
                    item.setOnAction(a -> viewModel.send(room.getValue(), c));
                    return item;
                }).toList());
            }
        });
        send.getItems().add(new MenuItem("…")); // a menu with no items never opens
        return send;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static Button button(String id, String text, Runnable action, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.setTooltip(new Tooltip(tip));
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** Whether the tab is in sight: the event log follows the view-model's only then (see {@link #shownLog}). Each frame. */
    void logInSight(boolean seen) {
        if (seen == logFollowed) {
            return;
        }
        logFollowed = seen;
        if (seen) {
            javafx.beans.binding.Bindings.bindContent(shownLog, viewModel.log());
        } else {
            javafx.beans.binding.Bindings.unbindContent(shownLog, viewModel.log());
        }
    }

    /** Shows the counters' current values if they changed; the view calls it on each frame in sight. */
    void refreshCounters() {
        if (!counterText.isValid()) {
            counters.setText(counterText.get());
        }
    }
}
