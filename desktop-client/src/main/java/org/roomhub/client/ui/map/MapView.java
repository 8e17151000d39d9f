package org.roomhub.client.ui.map;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebView;
import org.roomhub.protocol.value.Pin;
import org.roomhub.client.ui.common.FieldTooltip;

/**
 * Leaflet in a WebView with offline country shapes, and beside it the trip planner: pins, route,
 * plans and the optional tile server. The map opens where it was last time for the same room,
 * else fitted to the pins.
 */
public final class MapView extends BorderPane {

    private static final Logger LOG = Logger.getLogger(MapView.class.getName());

    static {
        // WebKit's default timers ("platform ticks") run an empty AnimationTimer for as long as any WebEngine
        // exists, so JavaFX pulsed 60 times a second for the app's whole life, even with this tab never opened
        // (issue 12: 61 pulses/s at rest on the metrics tab). On their own thread WebKit's timers fire when due
        // and post to the FX thread; the pulses the page needs to be painted come from webPulses below, only
        // while the map is in sight. Must be set before the first WebEngine; a value given on the command line wins.
        if (System.getProperty("com.sun.webkit.platformticks") == null) {
            System.setProperty("com.sun.webkit.platformticks", "false");
        }
    }

    private final MapViewModel viewModel;
    private final WebView web = new WebView();
    private final MapBridge bridge;
    private final PinsPane pinsPane;
    private final Set<String> drawn = new HashSet<>();
    private boolean loaded;
    private boolean positioned;
    /**
     * Retries positioning every 250 ms while the page cannot take it yet (e.g. its tab is not shown, so the map
     * has no size). Not an endless Timeline: a running animation keeps JavaFX pulsing at 60 Hz (issue 12).
     */
    private final org.roomhub.client.ui.common.FrameLoop positionRetry;

    /**
     * @param viewModel the map's state
     * @param json      mapper used to hand values to the page
     */
    public MapView(MapViewModel viewModel, ObjectMapper json) {
        this.viewModel = viewModel;
        getStyleClass().add("map-view");
        web.setId("map-web");
        web.setContextMenuEnabled(false);
        pinsPane = new PinsPane(viewModel, this::flyTo);
        bridge = new MapBridge(web.getEngine(), json, new PageEvents());
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
        viewModel.meProperty().addListener((obs, old, now) -> syncAll());
        viewModel.offlineUsers().addListener((javafx.collections.SetChangeListener<String>) c -> syncAll());
        viewModel.roomProperty().addListener((obs, old, now) -> positioned = false);
        positionRetry = new org.roomhub.client.ui.common.FrameLoop(web, (now, showing) -> {
            positionOnce();
            return positioned ? org.roomhub.client.ui.common.FrameLoop.UNTIL_WOKEN : 250;
        });
        // WebView paints what the page changed only on a pulse and never asks for one itself: keep JavaFX pulsing
        // while the map can be seen (what WebKit's platform ticks did always), not at all while it is hidden.
        new org.roomhub.client.ui.common.FrameLoop(web,
                (now, showing) -> showing ? 0 : org.roomhub.client.ui.common.FrameLoop.UNTIL_WOKEN);
        web.widthProperty().addListener((obs, o, n) -> positionOnce());
        web.heightProperty().addListener((obs, o, n) -> positionOnce());
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

    /** Centres the map on a pin ("Fly to"). */
    public void flyTo(String pinId) {
        if (loaded) {
            positioned = true;
            bridge.flyTo(pinId);
        }
    }

    /** What the page reports, on the FX thread. */
    private final class PageEvents implements MapBridge.Events {
        @Override
        public void mapClicked(double lat, double lng) {
            viewModel.mapClicked(lat, lng);
        }

        @Override
        public void pinDragged(String pinId, double lat, double lng) {
            viewModel.movePin(pinId, lat, lng);
        }

        @Override
        public void pinClicked(String pinId) {
            pinsPane.select(pinId);
        }

        @Override
        public void viewChanged(Viewport view) {
            if (positioned) { // not the page's own first view before the remembered one is applied
                viewModel.viewChanged(view);
            }
        }

        @Override
        public void ready() {
            pageReady();
        }

        @Override
        public void error(String message) {
            LOG.warning("map page: " + message);
        }
    }

    private void pageReady() {
        if (loaded) {
            return;
        }
        loaded = true;
        bridge.setTiles(viewModel.tiles().urlProperty().get());
        syncAll();
    }

    private ScrollPane sidebar() {
        ToggleGroup mode = new ToggleGroup();
        ToggleButton pin = new ToggleButton("Add pin");
        pin.setId("map-mode-pin");
        pin.setUserData(ClickMode.PIN);
        ToggleButton waypoint = new ToggleButton("Add waypoint");
        waypoint.setId("map-mode-waypoint");
        waypoint.setUserData(ClickMode.WAYPOINT);
        pin.setTooltip(new Tooltip("Clicks on the map place a new pin of yours"));
        waypoint.setTooltip(new Tooltip("Clicks on the map add a stop to the route everyone in the room shares"));
        pin.setToggleGroup(mode);
        waypoint.setToggleGroup(mode);
        pin.setSelected(true);
        mode.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                viewModel.clickModeProperty().set((ClickMode) now.getUserData());
            }
        });
        Button fit = new Button("Show all");
        fit.setId("map-fit");
        fit.setOnAction(e -> bridge.fitPins());
        fit.setTooltip(new Tooltip("Zoom the map so every pin is in view"));
        Label hint = MapLabels.muted("");
        hint.textProperty().bind(Bindings.createStringBinding(() -> viewModel.clickModeProperty().get() == ClickMode.PIN
                ? "Click the map to place a pin; drag yours to move them." : "Click the map to add a stop to the shared route.",
                viewModel.clickModeProperty()));

        TextField tiles = new TextField();
        tiles.setId("map-tile-url");
        tiles.setPromptText("https://…/{z}/{x}/{y}.png");
        tiles.textProperty().bindBidirectional(viewModel.tiles().urlProperty());
        FieldTooltip.install(tiles, "Optional tile server URL template with {z}/{x}/{y}; empty keeps the offline country shapes");
        Button applyTiles = new Button("Apply");
        applyTiles.setTooltip(new Tooltip("Load tiles from the URL above (needs network)"));
        applyTiles.setMinWidth(Region.USE_PREF_SIZE);
        applyTiles.setOnAction(e -> {
            String checked = viewModel.tiles().checked();
            if (checked != null) {
                bridge.setTiles(checked);
            }
        });
        Label tileProblem = new Label();
        tileProblem.setId("map-tile-problem");
        tileProblem.getStyleClass().add("error");
        tileProblem.setWrapText(true);
        tileProblem.setMinHeight(Region.USE_PREF_SIZE);
        tileProblem.textProperty().bind(viewModel.tiles().problemProperty());
        tileProblem.visibleProperty().bind(viewModel.tiles().problemProperty().isNotEmpty());
        tileProblem.managedProperty().bind(tileProblem.visibleProperty());
        HBox.setHgrow(tiles, Priority.ALWAYS);
        Label tilesNote = MapLabels.muted("Offline base map: Natural Earth countries. A tile server is optional.");

        TitledPane base = titled("Base map", new VBox(6, new HBox(6, tiles, applyTiles), tileProblem, tilesNote));
        base.setExpanded(false);
        VBox box = new VBox(6, new HBox(6, pin, waypoint, fit), hint,
                titled("Pins", pinsPane), titled("Route", new RoutePane(viewModel)),
                titled("Plans", new PlansPane(viewModel.plans())), base);
        box.setPadding(new Insets(8));
        box.getStyleClass().add("sidebar");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefWidth(320);
        scroll.setMinWidth(280);
        return scroll;
    }

    private static TitledPane titled(String title, javafx.scene.Node content) {
        TitledPane pane = new TitledPane(title, content);
        pane.setId("map-section-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        pane.setAnimated(false);
        return pane;
    }

    private void syncAll() {
        if (!loaded) {
            return;
        }
        Set<String> now = new HashSet<>();
        for (Pin pin : viewModel.pins()) {
            boolean offline = viewModel.isOffline(pin);
            bridge.showPin(pin, viewModel.colorOf(pin), viewModel.labelOf(pin) + (offline ? " (offline)" : ""), viewModel.isMine(pin), offline);
            now.add(pin.pinId());
        }
        drawn.stream().filter(id -> !now.contains(id)).toList().forEach(bridge::removePin);
        drawn.clear();
        drawn.addAll(now);
        bridge.showRoute(viewModel.routeProperty().get(), viewModel.pins(), viewModel::colorOf);
        positionOnce();
    }

    /** Once per room, when the map has a size and the room's state: the remembered view, else the pins. */
    private void positionOnce() {
        if (positioned) {
            return;
        }
        if (!loaded || web.getWidth() <= 0 || web.getHeight() <= 0 || !viewModel.hasLiveData()) {
            positionRetry.wake();
            return;
        }
        var remembered = viewModel.rememberedView();
        if (remembered.isPresent()) {
            positioned = bridge.setView(remembered.get());
        } else if (!viewModel.pins().isEmpty()) {
            positioned = bridge.fitPins();
        } else {
            positioned = true; // an empty room stays on the world view
        }
        if (!positioned) {
            positionRetry.wake();
        }
    }
}
