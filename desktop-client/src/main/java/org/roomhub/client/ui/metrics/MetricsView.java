package org.roomhub.client.ui.metrics;

import java.util.HashMap;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Host list, window and pause controls, and one chart per metric group. An {@link AnimationTimer}
 * applies queued points once per frame; then only charts that are on screen (view showing, chart
 * inside the scrolled viewport) and whose picture would change are repainted (issue 12: at rest the
 * view used to repaint every chart five times a second and on every point).
 */
public final class MetricsView extends BorderPane {

    private static final double TWO_COLUMNS_MIN_WIDTH = 760;

    private final MetricsViewModel viewModel;
    private final GridPane grid = new GridPane();
    private final Map<ChartModel, TimeSeriesChart> charts = new HashMap<>();
    private final FrameStats frameStats = new FrameStats();
    private final ScrollPane scroll;
    private int columns = 2;

    /** The view of {@code viewModel}. */
    public MetricsView(MetricsViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("metrics-view");
        setLeft(sidebar());
        grid.setHgap(10);
        grid.setVgap(10);
        grid.setPadding(new Insets(10));
        scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        // One column of charts when two would squeeze their axis labels together.
        scroll.viewportBoundsProperty().addListener((obs, old, now) -> {
            int wanted = now.getWidth() >= TWO_COLUMNS_MIN_WIDTH ? 2 : 1;
            if (wanted != columns) {
                columns = wanted;
                rebuildGrid();
            }
        });
        scroll.getStyleClass().add("charts");
        Label waiting = new Label();
        waiting.getStyleClass().add("placeholder");
        waiting.textProperty().bind(javafx.beans.binding.Bindings.concat("Waiting for metrics… (", viewModel.statusProperty(), ")"));
        waiting.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(viewModel.charts()));
        setCenter(new javafx.scene.layout.StackPane(scroll, waiting));
        viewModel.charts().addListener((ListChangeListener<ChartModel>) c -> rebuildGrid());
        rebuildGrid();
        timer().start();
    }

    /** Per-frame timings of the last second, for the load measurement. */
    public FrameStats frameStats() {
        return frameStats;
    }

    private VBox sidebar() {
        Label hostsTitle = new Label("Hosts");
        hostsTitle.getStyleClass().add("section-title");
        ListView<String> hosts = new ListView<>(viewModel.hosts());
        hosts.setId("metrics-hosts");
        hosts.setPrefHeight(220);
        hosts.setCellFactory(list -> new HostCell());

        Label windowTitle = new Label("Window");
        windowTitle.getStyleClass().add("section-title");
        ToggleGroup group = new ToggleGroup();
        HBox windows = new HBox(4);
        for (TimeWindow w : TimeWindow.values()) {
            ToggleButton button = new ToggleButton(w.label());
            button.setId("window-" + w.name().toLowerCase(java.util.Locale.ROOT));
            button.setToggleGroup(group);
            button.setUserData(w);
            button.setSelected(viewModel.windowProperty().get() == w);
            windows.getChildren().add(button);
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // always one window
            } else {
                viewModel.windowProperty().set((TimeWindow) now.getUserData());
            }
        });

        ToggleButton pause = new ToggleButton("Pause");
        pause.setId("metrics-pause");
        pause.setMaxWidth(Double.MAX_VALUE);
        pause.setOnAction(e -> viewModel.togglePause());
        pause.setTooltip(new Tooltip("Freeze the charts (lines, legend values, counter) to read them; new points wait and appear on Resume."));
        Label pausedNote = new Label("Paused: new points are kept and shown on Resume.");
        pausedNote.setId("metrics-paused-note");
        pausedNote.setWrapText(true);
        pausedNote.getStyleClass().add("muted");
        pausedNote.setVisible(false);
        pausedNote.managedProperty().bind(pausedNote.visibleProperty());
        viewModel.pausedProperty().addListener((obs, was, is) -> {
            pause.setSelected(is);
            pause.setText(is ? "Resume" : "Pause");
            pausedNote.setVisible(is);
        });

        Label status = new Label();
        status.setId("metrics-status");
        status.setWrapText(true);
        status.textProperty().bind(viewModel.statusProperty());
        status.getStyleClass().add("muted");

        Label points = new Label();
        points.getStyleClass().add("muted");
        points.textProperty().bind(viewModel.pointsAppliedProperty().asString("%,d points received"));
        points.setId("metrics-points");
        points.setTooltip(new Tooltip("Points drawn so far, all series of the shown hosts together."));
        hosts.setTooltip(new Tooltip("Machines publishing metrics to this hub (rooms metrics/NAME); tick one to chart it."));
        windows.getChildren().forEach(b -> ((ToggleButton) b).setTooltip(new Tooltip("Show the last " + ((ToggleButton) b).getText() + " of data")));

        VBox box = new VBox(8, hostsTitle, hosts, windowTitle, windows, pause, pausedNote, status, points);
        box.setPadding(new Insets(10));
        box.setPrefWidth(230);
        box.getStyleClass().add("sidebar");
        VBox.setVgrow(hosts, Priority.SOMETIMES);
        return box;
    }

    private void rebuildGrid() {
        grid.getChildren().clear();
        int i = 0;
        for (ChartModel model : viewModel.charts()) {
            TimeSeriesChart chart = charts.computeIfAbsent(model, TimeSeriesChart::new);
            GridPane.setHgrow(chart, Priority.ALWAYS);
            grid.add(chart, i % columns, i / columns);
            i++;
        }
        charts.keySet().retainAll(viewModel.charts());
    }

    private AnimationTimer timer() {
        return new AnimationTimer() {
            @Override
            public void handle(long now) {
                long begin = System.nanoTime();
                viewModel.applyPending();
                if (showing()) {
                    repaintVisible();
                }
                frameStats.record(now, System.nanoTime() - begin);
            }
        };
    }

    private void repaintVisible() {
        long start = viewModel.viewStart();
        long end = viewModel.viewEnd();
        boolean showHost = viewModel.selectedHosts().size() > 1;
        long until = viewModel.drawUntil();
        // In scene coordinates, so the scroll position is already applied to the charts' bounds.
        Bounds seen = scroll.localToScene(scroll.getLayoutBounds());
        for (TimeSeriesChart chart : charts.values()) {
            // A chart not laid out yet (size 0 at the origin) is not in sight, whatever its bounds say.
            if (chart.getParent() == grid && chart.getWidth() > 0 && chart.localToScene(chart.getLayoutBounds()).intersects(seen)) {
                chart.paintIfStale(start, end, until, showHost);
            }
        }
    }

    /** Whether this view is on a showing window and neither it nor an ancestor is hidden (another tab). */
    private boolean showing() {
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) {
            return false;
        }
        for (Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** A host with a check box that selects it. */
    private final class HostCell extends ListCell<String> {
        private final CheckBox box = new CheckBox();

        HostCell() {
            box.setOnAction(e -> viewModel.setHostSelected(getItem(), box.isSelected()));
        }

        @Override
        protected void updateItem(String host, boolean empty) {
            super.updateItem(host, empty);
            if (empty || host == null) {
                setGraphic(null);
                return;
            }
            box.setText(host);
            box.setSelected(viewModel.selectedHosts().contains(host));
            setGraphic(box);
        }
    }
}
