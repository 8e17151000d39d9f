package org.roomhub.client.ui.architecture;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;

/**
 * Hub, rooms and clients on a canvas, redrawn each frame: rooms coloured by lifecycle state,
 * clients labelled with user and transport, a dot per frame in flight (sampled when dense), a
 * timeline strip per room. Click a client to disconnect it. This class lays out the panes and runs
 * the frame loop; {@link DiagramLayout}, {@link DiagramPainter}, {@link FlowDots}, {@link DiagramLegend}
 * and {@link RoomTimeline} each do one part of the canvas.
 */
public final class ArchitectureView extends BorderPane {

    private final ArchitectureViewModel viewModel;
    private final Canvas canvas = new Canvas();
    private final DiagramLayout layout = new DiagramLayout();
    private final FlowDots dots = new FlowDots();
    private final DiagramPainter painter;
    private final RoomTimeline timeline;
    private final ArchitectureSidebar sidebar;
    private long lastTick;

    /** The view of {@code viewModel}. */
    public ArchitectureView(ArchitectureViewModel viewModel) {
        this.viewModel = viewModel;
        this.painter = new DiagramPainter(viewModel);
        this.timeline = new RoomTimeline(viewModel);
        getStyleClass().add("architecture-view");
        Pane holder = new Pane(canvas);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        holder.setMinSize(220, 300);
        canvas.setId("architecture-canvas");
        canvas.setOnMouseClicked(e -> layout.clientsNear(e.getX(), e.getY()).forEach(viewModel::disconnect));
        setCenter(holder);
        sidebar = new ArchitectureSidebar(viewModel);
        setRight(sidebar);
        org.roomhub.client.ui.lab.LabView lab = new org.roomhub.client.ui.lab.LabView(viewModel.lab());
        lab.prefWidthProperty().bind(widthProperty().multiply(0.3)); // a narrow window still fits diagram and sidebar
        setLeft(lab);
        // Animates while in sight; hidden (another tab), it only keeps the model ticking, 4 times a second (issue 12).
        new org.roomhub.client.ui.common.FrameLoop(this, (now, showing) -> {
            frame(showing);
            return showing ? 0 : org.roomhub.client.ui.common.FrameLoop.HIDDEN_PERIOD_MILLIS;
        });
    }

    /** Where the diagram stands this frame; for tests. */
    DiagramLayout diagramLayout() {
        return layout;
    }

    private void frame(boolean paint) {
        viewModel.inSight(paint);
        sidebar.logInSight(paint);
        long now = System.currentTimeMillis();
        if (now - lastTick >= 1000) {
            viewModel.tick();
            dots.newSecond();
            lastTick = now;
        }
        if (!paint) {
            viewModel.drainFlows(); // hidden, no dots are drawn: nor laid out, nor kept for later (issue 12, at rest)
            return;
        }
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        double diagramH = h - timeline.height(h);
        layout.place(viewModel.roomKeys(), viewModel.clients(),
                viewModel.cluster().members().stream().map(ClusterModel.Member::id).toList(), w, diagramH);
        dots.spawn(viewModel.drainFlows(), viewModel.clients(), layout, now);
        sidebar.refreshCounters();
        GraphicsContext g = canvas.getGraphicsContext2D();
        painter.draw(g, layout, w, h, diagramH);
        dots.draw(g, now);
        DiagramLegend.draw(g, w);
        timeline.draw(g, now, w, h);
    }
}
