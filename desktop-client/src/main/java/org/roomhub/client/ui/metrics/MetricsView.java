package org.roomhub.client.ui.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
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
import org.roomhub.client.ui.common.FrameLoop;

/**
 * Host list, window and pause controls, and one chart per metric group. A {@link FrameLoop} applies
 * queued points once per frame; then only charts that are on screen (view showing, chart inside the
 * scrolled viewport) and whose picture would change are repainted (issue 12: at rest the view used to
 * repaint every chart five times a second and on every point). The loop runs frame after frame only
 * while points keep arriving; at rest it wakes for a new point or the axis' next scroll step.
 */
public final class MetricsView extends BorderPane {

    private static final double TWO_COLUMNS_MIN_WIDTH = 760;

    private final MetricsViewModel viewModel;
    private final GridPane grid = new GridPane();
    private final Map<ChartModel, TimeSeriesChart> charts = new HashMap<>();
    private final FrameStats frameStats = new FrameStats();
    private final ScrollPane scroll;
    private final FrameLoop loop;
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
                placeCharts();
            }
        });
        scroll.getStyleClass().add("charts");
        Label waiting = new Label();
        waiting.getStyleClass().add("placeholder");
        waiting.textProperty().bind(javafx.beans.binding.Bindings.concat("Waiting for metrics… (", viewModel.statusProperty(), ")"));
        waiting.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(viewModel.charts()));
        setCenter(new javafx.scene.layout.StackPane(scroll, waiting));
        loop = new FrameLoop(this, this::frame);
        viewModel.charts().addListener((ListChangeListener<ChartModel>) c -> placeCharts());
        placeCharts();
        // Everything else that changes what is in sight wakes the loop; points wake it from the network thread.
        viewModel.onPointsQueued(loop::wake);
        scroll.vvalueProperty().addListener(o -> loop.wake());
        scroll.viewportBoundsProperty().addListener(o -> loop.wake());
        viewModel.windowProperty().addListener(o -> loop.wake());
        viewModel.pausedProperty().addListener(o -> loop.wake());
        viewModel.selectedHosts().addListener((javafx.beans.InvalidationListener) o -> loop.wake());
    }

    /** The view's frame loop; for tests and benchmarks. */
    public FrameLoop frameLoop() {
        return loop;
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

    /**
     * Puts every chart at its place, two columns (or one) in the model's order. Charts already in the grid stay its
     * children and only get new cells: taken out and put back, each would be styled again from scratch (CSS) and laid
     * out, and at rest a new name in a host's top processes adds a chart now and then (issue 12).
     */
    private void placeCharts() {
        List<ChartModel> models = viewModel.charts();
        charts.keySet().retainAll(models);
        grid.getChildren().retainAll(charts.values());
        int i = 0;
        for (ChartModel model : models) {
            TimeSeriesChart chart = charts.computeIfAbsent(model, this::newChart);
            if (chart.getParent() != grid) {
                GridPane.setHgrow(chart, Priority.ALWAYS);
                grid.getChildren().add(chart);
            }
            GridPane.setColumnIndex(chart, i % columns);
            GridPane.setRowIndex(chart, i / columns);
            i++;
        }
        loop.wake();
    }

    private TimeSeriesChart newChart(ChartModel model) {
        TimeSeriesChart chart = new TimeSeriesChart(model);
        // A resized canvas is blank until painted again.
        chart.widthProperty().addListener(o -> loop.wake());
        chart.heightProperty().addListener(o -> loop.wake());
        return chart;
    }

    private long frame(long now, boolean showing) {
        long begin = System.nanoTime();
        viewModel.applyPending();
        long next = FrameLoop.UNTIL_WOKEN;
        if (showing) {
            next = repaintVisible();
        }
        frameStats.record(now, System.nanoTime() - begin);
        // No follow-up pulse after points: the first point queued after this frame wakes the loop again (from the
        // network thread), so a stream still gets a frame per pulse, and a single batch (metrics at rest: one a
        // second) costs one pulse instead of two (issue 12). Else sleep until the axis moves.
        return next;
    }

    /** Repaints the stale charts in sight; returns ms until one of them scrolls, or UNTIL_WOKEN while paused. */
    private long repaintVisible() {
        long start = viewModel.viewStart();
        long end = viewModel.viewEnd();
        boolean showHost = viewModel.selectedHosts().size() > 1;
        long until = viewModel.drawUntil();
        long next = FrameLoop.UNTIL_WOKEN;
        // In scene coordinates, so the scroll position is already applied to the charts' bounds.
        Bounds seen = scroll.localToScene(scroll.getLayoutBounds());
        for (TimeSeriesChart chart : charts.values()) {
            // A chart not laid out yet (size 0 at the origin) is not in sight, whatever its bounds say.
            if (chart.getParent() == grid && chart.getWidth() > 0 && chart.localToScene(chart.getLayoutBounds()).intersects(seen)) {
                chart.paintIfStale(start, end, until, showHost);
                if (until == Long.MAX_VALUE) {
                    next = Math.min(next, chart.millisToNextStep(start, end));
                }
            }
        }
        return next;
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
