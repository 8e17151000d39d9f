package org.roomhub.client.ui.map;

import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.Route;
import org.roomhub.protocol.value.Waypoint;

/**
 * The route beside the map: its stops in order (drag a stop in the list to reorder), the length
 * along them, and each person's distance to the meeting point.
 */
final class RoutePane extends VBox {

    private final MapViewModel viewModel;

    RoutePane(MapViewModel viewModel) {
        super(6);
        this.viewModel = viewModel;
        ListView<Waypoint> stops = new ListView<>();
        stops.setId("map-route");
        stops.setPrefHeight(90);
        stops.setPlaceholder(MapLabels.muted("No stops. Choose “Add waypoint” and click the map."));
        stops.setCellFactory(l -> new StopCell());
        stops.setTooltip(new Tooltip("The shared route's stops in order; drag a stop onto another to reorder"));
        viewModel.routeProperty().addListener((obs, old, now) -> stops.getItems().setAll(now.waypoints()));

        Label length = new Label();
        length.setId("map-route-length");
        length.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = viewModel.routeProperty().get().waypoints().size();
            return n == 0 ? "" : String.format(Locale.ROOT, "%d stop%s · %,.1f km along the route", n, n == 1 ? "" : "s",
                    viewModel.routeLengthKmProperty().get());
        }, viewModel.routeProperty(), viewModel.routeLengthKmProperty()));

        ListView<DistanceLine> people = new ListView<>();
        people.setId("map-distances");
        people.setPrefHeight(80);
        people.setTooltip(new Tooltip("Everyone's great-circle distance to the meeting point (the middle of all pins); grey: not in the room now"));
        people.setPlaceholder(MapLabels.muted("Distances appear once people place pins."));
        people.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(DistanceLine line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty || line == null ? null : line.text());
                setGraphic(empty || line == null ? null : new Circle(5, Color.web(line.color())));
            }
        });
        Runnable refresh = () -> people.getItems().setAll(distanceLines(viewModel.routeProperty().get()));
        viewModel.pins().addListener((ListChangeListener<Pin>) c -> refresh.run());
        viewModel.routeProperty().addListener((obs, o, n) -> refresh.run());
        viewModel.offlineUsers().addListener((javafx.collections.SetChangeListener<String>) c -> refresh.run());

        Button clear = new Button("Clear route");
        clear.setId("map-clear-route");
        clear.setOnAction(e -> viewModel.clearRoute());
        clear.setTooltip(new Tooltip("Remove every stop of the shared route (for everyone in the room)"));
        Label distancesTitle = MapLabels.muted("Distance to the meeting point");
        getChildren().addAll(stops, length, clear, distancesTitle, people);
    }

    /** One row of the distance list: the person's colour beside their name and distance. */
    private record DistanceLine(String color, String text) {}

    private java.util.List<DistanceLine> distanceLines(Route route) {
        Map<String, Double> km = route.distancesKm();
        return km.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> {
            boolean offline = viewModel.offlineUsers().contains(e.getKey());
            return new DistanceLine(offline ? "#cbd5e1" : viewModel.colorOfPerson(e.getKey()),
                    e.getKey() + (offline ? " (offline)" : "") + String.format(Locale.ROOT, " — %,.0f km", e.getValue()));
        }).toList();
    }

    /** A stop's row; dragging it onto another row moves it there. */
    private final class StopCell extends ListCell<Waypoint> {
        StopCell() {
            setOnDragDetected(e -> {
                if (getItem() == null) {
                    return;
                }
                Dragboard board = startDragAndDrop(TransferMode.MOVE);
                ClipboardContent content = new ClipboardContent();
                content.putString(Integer.toString(getIndex()));
                board.setContent(content);
                e.consume();
            });
            setOnDragOver(e -> {
                if (e.getGestureSource() != this && e.getDragboard().hasString()) {
                    e.acceptTransferModes(TransferMode.MOVE);
                }
                e.consume();
            });
            setOnDragDropped(e -> {
                boolean done = false;
                if (e.getDragboard().hasString()) {
                    int from = Integer.parseInt(e.getDragboard().getString());
                    int to = isEmpty() ? getListView().getItems().size() - 1 : getIndex();
                    viewModel.moveWaypoint(from, to);
                    done = true;
                }
                e.setDropCompleted(done);
                e.consume();
            });
        }

        @Override
        protected void updateItem(Waypoint stop, boolean empty) {
            super.updateItem(stop, empty);
            setText(empty || stop == null ? null : (getIndex() + 1) + ". " + (stop.label() == null ? "stop" : stop.label())
                    + String.format(Locale.ROOT, "  (%.2f, %.2f)", stop.location().lat(), stop.location().lng()));
        }
    }
}
