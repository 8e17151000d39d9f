package org.roomhub.client.ui.map;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebView;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.Route;

/** Leaflet in a WebView with offline country shapes, plus pins, route and distances beside it. */
public final class MapView extends BorderPane {

    private static final Logger LOG = Logger.getLogger(MapView.class.getName());

    private final MapViewModel viewModel;
    private final WebView web = new WebView();
    private final MapBridge bridge;
    private final Set<String> drawn = new HashSet<>();
    private boolean loaded;
    private boolean fitted;

    /**
     * @param viewModel the map's state
     * @param json      mapper used to hand values to the page
     */
    public MapView(MapViewModel viewModel, ObjectMapper json) {
        this.viewModel = viewModel;
        getStyleClass().add("map-view");
        web.setId("map-web");
        web.setContextMenuEnabled(false);
        bridge = new MapBridge(web.getEngine(), json, viewModel::mapClicked, message -> LOG.warning("map page: " + message), this::pageReady);
        web.getEngine().getLoadWorker().stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.SUCCEEDED) {
                bridge.install();
                // A WebView outside the visible tab can report SUCCEEDED while the document is still
                // loading; then map.js calls the bridge's ready() once it has run.
                if (bridge.pageReady()) {
                    pageReady();
                }
            }
        });
        web.getEngine().load(MapView.class.getResource("map.html").toExternalForm());
        viewModel.pins().addListener((ListChangeListener<Pin>) c -> syncAll());
        viewModel.routeProperty().addListener((obs, old, now) -> syncAll());
        viewModel.offlineUsers().addListener((javafx.collections.SetChangeListener<String>) c -> syncAll());
        web.widthProperty().addListener((obs, o, n) -> fitOnce());
        web.heightProperty().addListener((obs, o, n) -> fitOnce());
        setCenter(web);
        setRight(sidebar());
    }

    /** The bridge, so tests can see what the page shows. */
    public MapBridge bridge() {
        return bridge;
    }

    /** Whether the page has loaded and the bridge is installed. */
    public boolean isLoaded() {
        return loaded;
    }

    private void pageReady() {
        if (loaded) {
            return;
        }
        loaded = true;
        bridge.setTiles(viewModel.tileUrlProperty().get());
        syncAll();
    }

    private VBox sidebar() {
        ToggleGroup mode = new ToggleGroup();
        ToggleButton pin = new ToggleButton("Set my pin");
        pin.setId("map-mode-pin");
        pin.setUserData(ClickMode.PIN);
        ToggleButton waypoint = new ToggleButton("Add waypoint");
        waypoint.setId("map-mode-waypoint");
        waypoint.setUserData(ClickMode.WAYPOINT);
        pin.setToggleGroup(mode);
        waypoint.setToggleGroup(mode);
        pin.setSelected(true);
        pin.setTooltip(new Tooltip("Clicks on the map place or move your own pin"));
        waypoint.setTooltip(new Tooltip("Clicks on the map add a stop to the route everyone in the room shares"));
        mode.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                viewModel.clickModeProperty().set((ClickMode) now.getUserData());
            }
        });
        Button clear = new Button("Clear route");
        clear.setId("map-clear-route");
        clear.setOnAction(e -> viewModel.clearRoute());
        clear.setTooltip(new Tooltip("Remove every stop of the shared route (for everyone in the room)"));
        Button fit = new Button("Show all pins");
        fit.setOnAction(e -> bridge.fitPins());
        fit.setTooltip(new Tooltip("Zoom the map so every pin is in view"));

        ListView<DistanceLine> people = new ListView<>();
        people.setId("map-distances");
        Label noPins = new Label("No pins yet. Click the map to place yours.");
        noPins.setWrapText(true);
        noPins.getStyleClass().add("muted");
        people.setPlaceholder(noPins);
        people.setTooltip(new Tooltip("Everyone's pin and their great-circle distance to the meeting point (the middle of all pins); grey: not in the room now"));
        people.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(DistanceLine line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty || line == null ? null : line.text());
                setGraphic(empty || line == null ? null : new javafx.scene.shape.Circle(5, javafx.scene.paint.Color.web(line.color())));
            }
        });
        Runnable refresh = () -> people.getItems().setAll(distanceLines(viewModel.routeProperty().get()));
        viewModel.pins().addListener((ListChangeListener<Pin>) c -> refresh.run());
        viewModel.routeProperty().addListener((obs, o, n) -> refresh.run());
        viewModel.offlineUsers().addListener((javafx.collections.SetChangeListener<String>) c -> refresh.run());
        VBox.setVgrow(people, Priority.ALWAYS);

        TextField tiles = new TextField();
        tiles.setId("map-tile-url");
        tiles.setPromptText("https://…/{z}/{x}/{y}.png");
        tiles.textProperty().bindBidirectional(viewModel.tileUrlProperty());
        tiles.setTooltip(new Tooltip("Optional tile server URL template with {z}/{x}/{y}; empty keeps the offline country shapes"));
        Button applyTiles = new Button("Apply");
        applyTiles.setOnAction(e -> bridge.setTiles(viewModel.tileUrlProperty().get()));
        applyTiles.setTooltip(new Tooltip("Load tiles from the URL above (needs network)"));
        applyTiles.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(tiles, Priority.ALWAYS);

        Label hint = new Label();
        hint.textProperty().bind(Bindings.createStringBinding(() -> viewModel.clickModeProperty().get() == ClickMode.PIN
                ? "Click the map to place your pin." : "Click the map to add a stop to the shared route.", viewModel.clickModeProperty()));
        hint.setWrapText(true);
        hint.getStyleClass().add("muted");
        Label tilesNote = new Label("Offline base map: Natural Earth countries. A tile server is optional.");
        tilesNote.setWrapText(true);
        tilesNote.setMinHeight(Region.USE_PREF_SIZE);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        tilesNote.getStyleClass().add("muted");

        VBox box = new VBox(8, section("Click mode"), new HBox(6, pin, waypoint), hint, new HBox(6, clear, fit),
                section("Pins · distance to meeting point"), people, section("Tile URL (optional)"), new HBox(6, tiles, applyTiles), tilesNote);
        box.setPadding(new Insets(10));
        box.setPrefWidth(280);
        box.getStyleClass().add("sidebar");
        return box;
    }

    /** One row of the distance list: the pin's colour beside its label and distance. */
    private record DistanceLine(String color, String text) {}

    private java.util.List<DistanceLine> distanceLines(Route route) {
        Map<String, Double> km = route.distancesKm();
        return viewModel.pins().stream().map(p -> {
            Double d = km.get(p.user());
            boolean offline = viewModel.isOffline(p);
            return new DistanceLine(offline ? "#cbd5e1" : viewModel.colorOf(p),
                    viewModel.labelOf(p) + (offline ? " (offline)" : "") + (d == null ? "" : String.format(Locale.ROOT, " — %,.0f km", d)));
        }).toList();
    }

    private void syncAll() {
        if (!loaded) {
            return;
        }
        Set<String> now = new HashSet<>();
        for (Pin pin : viewModel.pins()) {
            boolean offline = viewModel.isOffline(pin);
            bridge.showPin(pin, viewModel.colorOf(pin), viewModel.labelOf(pin) + (offline ? " (offline)" : ""), offline);
            now.add(pin.pinId());
        }
        drawn.stream().filter(id -> !now.contains(id)).toList().forEach(bridge::removePin);
        drawn.clear();
        drawn.addAll(now);
        bridge.showRoute(viewModel.routeProperty().get(), viewModel.pins(), viewModel::colorOf);
        fitOnce();
    }

    private void fitOnce() {
        // Fit only once the view has a size (Leaflet gives NaN otherwise) and pins exist.
        if (loaded && !fitted && web.getWidth() > 0 && web.getHeight() > 0 && !viewModel.pins().isEmpty()) {
            fitted = bridge.fitPins();
        }
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }
}
