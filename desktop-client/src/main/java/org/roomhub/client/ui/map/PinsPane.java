package org.roomhub.client.ui.map;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import org.roomhub.protocol.value.Pin;
import org.roomhub.client.ui.common.FieldTooltip;

/**
 * The pin list beside the map: every pin with its owner; the selected one can be flown to, and
 * edited (label, colour, note) or removed when it is mine. Others' pins show read-only.
 */
final class PinsPane extends VBox {

    private final MapViewModel viewModel;
    private final ListView<Pin> list = new ListView<>();
    private final TextField label = new TextField();
    private final ColorPicker color = new ColorPicker();
    private final TextArea note = new TextArea();
    private final Label owner = MapLabels.muted("");
    private String lastSelected;

    PinsPane(MapViewModel viewModel, java.util.function.Consumer<String> flyTo) {
        super(6);
        this.viewModel = viewModel;
        list.setId("map-pins");
        // Mine first, then by owner and label: the order the room stores them in means nothing to people.
        list.setItems(new javafx.collections.transformation.SortedList<>(viewModel.pins(), java.util.Comparator
                .comparing((Pin p) -> !viewModel.isMine(p)).thenComparing(Pin::user).thenComparing(viewModel::labelOf)));
        list.setPrefHeight(130);
        list.setPlaceholder(MapLabels.muted("No pins yet. Click the map to place one."));
        list.setCellFactory(l -> new PinCell());
        viewModel.offlineUsers().addListener((javafx.collections.SetChangeListener<String>) c -> list.refresh());
        list.setTooltip(new Tooltip("Every pin in the room, yours first; double-click one to fly to it; grey: its owner is not in the room now"));
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && selected() != null) {
                flyTo.accept(selected().pinId());
            }
        });

        label.setId("map-pin-label");
        label.setPromptText("Label");
        FieldTooltip.install(label, "The selected pin's label (only your own pins can be edited)");
        color.setTooltip(new Tooltip("The selected pin's colour"));
        FieldTooltip.install(note, "A note others see when hovering the pin");
        color.setId("map-pin-color");
        color.setMaxWidth(Double.MAX_VALUE);
        note.setId("map-pin-note");
        note.setPromptText("Note (shown when hovering the pin)");
        note.setPrefRowCount(2);
        note.setWrapText(true);

        Button fly = new Button("Fly to");
        fly.setId("map-pin-fly");
        fly.setOnAction(e -> flyTo.accept(selected().pinId()));
        fly.setTooltip(new Tooltip("Centre the map on the selected pin"));
        Button save = new Button("Save");
        save.setId("map-pin-save");
        save.setDefaultButton(false);
        save.setTooltip(new Tooltip("Apply the label, colour and note to your selected pin"));
        save.setOnAction(e -> viewModel.editPin(selected().pinId(), label.getText(), hex(color.getValue()), note.getText()));
        Button remove = new Button("Remove");
        remove.setId("map-pin-remove");
        remove.setOnAction(e -> viewModel.removePin(selected().pinId()));
        remove.setTooltip(new Tooltip("Take your selected pin off the map (for everyone in the room)"));

        BooleanBinding none = list.getSelectionModel().selectedItemProperty().isNull();
        BooleanBinding notMine = Bindings.createBooleanBinding(() -> selected() == null || !viewModel.isMine(selected()),
                list.getSelectionModel().selectedItemProperty(), viewModel.meProperty());
        fly.disableProperty().bind(none);
        for (var control : new javafx.scene.control.Control[] {save, remove, color}) {
            control.disableProperty().bind(notMine);
        }
        label.editableProperty().bind(notMine.not());
        note.editableProperty().bind(notMine.not());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> showDetails(now));
        // A pin-update replaces the list item: keep the same pin selected and its form current.
        viewModel.pins().addListener((ListChangeListener<Pin>) c -> {
            if (list.getSelectionModel().getSelectedItem() == null && lastSelected != null) {
                viewModel.find(lastSelected).ifPresent(p -> list.getSelectionModel().select(p));
            }
        });

        HBox buttons = new HBox(6, fly, save, remove);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(list, owner, label, color, note, buttons);
        setPadding(new Insets(4, 0, 0, 0));
        showDetails(null);
    }

    /** Selects a pin (a click on the map). */
    void select(String pinId) {
        viewModel.find(pinId).ifPresent(p -> {
            list.getSelectionModel().select(p);
            list.scrollTo(p);
        });
    }

    private Pin selected() {
        return list.getSelectionModel().getSelectedItem();
    }

    private void showDetails(Pin pin) {
        if (pin == null) {
            owner.setText("Select a pin to fly to it; your own pins can be edited here and dragged on the map.");
            label.clear();
            note.clear();
            return;
        }
        lastSelected = pin.pinId();
        owner.setText(viewModel.isMine(pin) ? "Your pin" : "By " + pin.user() + " (read-only)");
        label.setText(viewModel.labelOf(pin));
        color.setValue(Color.web(viewModel.colorOf(pin)));
        note.setText(pin.note() == null ? "" : pin.note());
    }

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }

    /** A pin's row: colour dot, label, and whose it is. */
    private final class PinCell extends ListCell<Pin> {
        @Override
        protected void updateItem(Pin pin, boolean empty) {
            super.updateItem(pin, empty);
            if (empty || pin == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            String label = viewModel.labelOf(pin);
            String whose = viewModel.isMine(pin) ? "you" : pin.user();
            boolean offline = viewModel.isOffline(pin);
            setText((label.equals(pin.user()) && !viewModel.isMine(pin) ? label : label + "  · " + whose) + (offline ? " (offline)" : ""));
            setGraphic(new Circle(5, offline ? Color.web("#cbd5e1") : Color.web(viewModel.colorOf(pin))));
            setTooltip(pin.note() == null || pin.note().isBlank() ? null : new Tooltip(pin.note()));
        }
    }
}
