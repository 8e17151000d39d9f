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
import org.roomhub.client.ui.metrics.FrameStats;

/**
 * A grid of host cards, most troubled first, and the alerts beside it. A frame loop (four looks a
 * second while readings come, see {@code FrameLoop}) takes queued readings in and redraws the lines
 * only of the cards whose host sent figures, their marks only when the rules were judged, so fifty
 * hosts publishing every second cost about fifty card redraws a second (the first version drew every
 * card whenever any host sent something: see docs/performance.md).
 */
public final class FleetView extends BorderPane {

    private static final long SILENT_MILLIS = 10_000;

    private final FleetViewModel viewModel;
    private final FlowPane grid = new FlowPane(10, 10);
    private final Map<String, HostCard> cards = new HashMap<>();
    private final FrameStats frameStats = new FrameStats();
    private final java.util.Set<String> stale = new java.util.HashSet<>();
    private boolean marksStale;
    private long cardDraws;

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
            long begin = System.nanoTime();
            viewModel.inSight(showing);
            if (viewModel.applyPending()) {
                stale.addAll(viewModel.takeChanged());
                marksStale |= viewModel.takeJudged();
            }
            if (showing && (marksStale || !stale.isEmpty())) {
                drawCards(java.util.Set.copyOf(stale), marksStale);
                stale.clear();
                marksStale = false;
            }
            frameStats.record(now, System.nanoTime() - begin);
            return org.roomhub.client.ui.common.FrameLoop.HIDDEN_PERIOD_MILLIS;
        });
    }

    /** Frame rate and this view's own work per frame, for the benchmark. */
    public FrameStats frameStats() {
        return frameStats;
    }

    /** How many times a card's lines were drawn since the view was made: the work the view asks of the renderer. FX thread. */
    public long cardDraws() {
        return cardDraws;
    }

    /** The card of {@code host}, or null; for tests. */
    public javafx.scene.Node card(String host) {
        return cards.get(host);
    }

    private void layoutCards() {
        List<String> order = viewModel.order();
        cards.keySet().retainAll(order);
        java.util.Set<String> fresh = new java.util.HashSet<>();
        grid.getChildren().setAll(order.stream().map(h -> (javafx.scene.Node) cards.computeIfAbsent(h, k -> {
            fresh.add(k);
            return newCard(k);
        })).toList());
        drawCards(fresh, true); // a new order moves cards; only new ones need their lines drawn
    }

    private HostCard newCard(String host) {
        return new HostCard(host, () -> viewModel.open(host));
    }

    /** Draws the lines of {@code changed} hosts' cards; with {@code marks}, every card's alert and silence marks. */
    private void drawCards(java.util.Set<String> changed, boolean marks) {
        long now = System.currentTimeMillis();
        for (HostCard card : cards.values()) {
            HostFigures f = viewModel.figures(card.host());
            if (f == null) {
                continue;
            }
            if (marks) {
                card.mark(viewModel.firingOn(card.host()), now - f.lastHeard() > SILENT_MILLIS);
            }
            if (changed.contains(card.host())) {
                card.draw(f);
                cardDraws++;
            }
        }
    }
}
