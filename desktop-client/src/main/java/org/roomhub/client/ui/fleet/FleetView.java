package org.roomhub.client.ui.fleet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;

/**
 * A grid of host cards, most troubled first, and the alerts beside it. A frame loop
 * takes queued readings in four times a second and redraws the cards only when something changed, so
 * fifty hosts publishing every second cost a few canvas redraws a second, not one per reading.
 */
public final class FleetView extends BorderPane {

    private static final long SILENT_MILLIS = 10_000;

    private final FleetViewModel viewModel;
    private final FlowPane grid = new FlowPane(10, 10);
    private final Map<String, HostCard> cards = new HashMap<>();
    private boolean cardsStale;

    /** The view of {@code viewModel}. */
    public FleetView(FleetViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("fleet-view");
        grid.setPadding(new Insets(10));
        grid.setId("fleet-grid");
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("charts");
        Label waiting = new Label();
        waiting.getStyleClass().add("placeholder");
        waiting.textProperty().bind(javafx.beans.binding.Bindings.concat("No host publishes on this hub yet (", viewModel.statusProperty(), ")"));
        waiting.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(viewModel.order()));
        setCenter(new StackPane(scroll, waiting));
        setRight(new AlertsPane(viewModel));
        viewModel.order().addListener((ListChangeListener<String>) c -> layoutCards());
        // Readings come once a second: four looks a second, not a 60 Hz pulse that never lets the app rest (issue 12).
        // Hidden (another tab), cards are drawn once shown again: a canvas changed out of sight still costs the renderer.
        new org.roomhub.client.ui.common.FrameLoop(this, (now, showing) -> {
            cardsStale |= viewModel.applyPending();
            if (cardsStale && showing) {
                cardsStale = false;
                drawCards();
            }
            return org.roomhub.client.ui.common.FrameLoop.HIDDEN_PERIOD_MILLIS;
        });
    }

    /** The card of {@code host}, or null; for tests. */
    public javafx.scene.Node card(String host) {
        return cards.get(host);
    }

    private void layoutCards() {
        List<String> order = viewModel.order();
        cards.keySet().retainAll(order);
        grid.getChildren().setAll(order.stream().map(h -> (javafx.scene.Node) cards.computeIfAbsent(h, this::newCard)).toList());
        drawCards();
    }

    private HostCard newCard(String host) {
        return new HostCard(host, () -> viewModel.open(host));
    }

    private void drawCards() {
        long now = System.currentTimeMillis();
        for (HostCard card : cards.values()) {
            HostFigures f = viewModel.figures(card.host());
            if (f != null) {
                card.draw(f, viewModel.firingOn(card.host()), now - f.lastHeard() > SILENT_MILLIS);
            }
        }
    }
}
