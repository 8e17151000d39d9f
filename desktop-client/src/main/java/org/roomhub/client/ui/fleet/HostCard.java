package org.roomhub.client.ui.fleet;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.roomhub.client.ui.common.Palette;
import org.roomhub.client.ui.metrics.MetricUnit;

/**
 * One host: its name, how many alerts fire, and four sparklines (CPU, memory, network, disk) drawn
 * on canvases, the newest figure beside each. Its lines are drawn only when its host sent figures,
 * its marks (alert count, silence) only when they change.
 */
final class HostCard extends VBox {

    static final double WIDTH = 268;
    private static final double SPARK_WIDTH = 140;
    private static final double SPARK_HEIGHT = 26;
    private static final PseudoClass FIRING = PseudoClass.getPseudoClass("firing");
    private static final PseudoClass SILENT = PseudoClass.getPseudoClass("silent");

    private final String host;
    private final Label alerts = new Label();
    private final Canvas[] lines = new Canvas[4];
    private final Label[] figures = new Label[4];
    private int shownFiring = -1;
    private boolean shownSilent;

    HostCard(String host, Runnable open) {
        this.host = host;
        getStyleClass().add("host-card");
        setId("card-" + host);
        setPrefWidth(WIDTH);
        setMaxWidth(WIDTH);
        Label name = new Label(host);
        name.getStyleClass().add("host-card-name");
        name.setMinWidth(0);
        name.setWrapText(true); // a long host name wraps rather than being cut
        alerts.getStyleClass().add("badge");
        alerts.setVisible(false);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox title = new HBox(6, name, gap, alerts);
        title.setAlignment(Pos.CENTER_LEFT);
        GridPane rows = new GridPane();
        rows.setHgap(6);
        rows.setVgap(2);
        String[] names = {"CPU", "Mem", "Net", "Disk"};
        for (int i = 0; i < 4; i++) {
            Label label = new Label(names[i]);
            label.getStyleClass().add("muted");
            label.setMinWidth(30);
            lines[i] = new Canvas(SPARK_WIDTH, SPARK_HEIGHT);
            figures[i] = new Label("–");
            figures[i].getStyleClass().add("host-card-figure");
            figures[i].setMinWidth(Region.USE_PREF_SIZE);
            rows.addRow(i, label, lines[i], figures[i]);
        }
        getChildren().addAll(title, rows);
        setSpacing(4);
        setOnMouseClicked(e -> open.run());
        Tooltip.install(this, new Tooltip("Click for " + host + "'s detail charts"));
    }

    String host() {
        return host;
    }

    /** Shows {@code firing} alerts (a red card) or, with none, {@code silent} (a grey one); nothing when neither changed. */
    void mark(int firing, boolean silent) {
        if (firing == shownFiring && silent == shownSilent) {
            return;
        }
        shownFiring = firing;
        shownSilent = silent;
        pseudoClassStateChanged(FIRING, firing > 0);
        pseudoClassStateChanged(SILENT, silent && firing == 0);
        alerts.setText(firing == 1 ? "1 alert" : firing + " alerts");
        alerts.setVisible(firing > 0);
    }

    /** Draws the lines and newest figures of {@code f}. */
    void draw(HostFigures f) {
        spark(lines[0], 100, f.cpu(), null);
        figures[0].setText(Double.isNaN(f.cpu().last()) ? "–" : MetricUnit.PERCENT.format(f.cpu().last()));
        spark(lines[1], f.memory().max() * 1.1, f.memory(), null);
        figures[1].setText(Double.isNaN(f.memory().last()) ? "–" : MetricUnit.BYTES.format(f.memory().last()));
        spark(lines[2], Math.max(f.netIn().max(), f.netOut().max()) * 1.1, f.netIn(), f.netOut());
        figures[2].setText(rate(f.netIn().last() + f.netOut().last()));
        spark(lines[3], Math.max(f.diskRead().max(), f.diskWrite().max()) * 1.1, f.diskRead(), f.diskWrite());
        double fs = f.fullestDisk();
        figures[3].setText(Double.isNaN(fs) ? rate(f.diskRead().last() + f.diskWrite().last()) : MetricUnit.PERCENT.format(fs) + " full");
    }

    private static String rate(double v) {
        return Double.isNaN(v) ? "–" : MetricUnit.BYTES_PER_SECOND.format(v);
    }

    private static void spark(Canvas canvas, double top, Spark first, Spark second) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#f8fafc"));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        double max = top > 0 ? top : 1;
        line(g, canvas, first, max, Palette.series(0));
        if (second != null) {
            line(g, canvas, second, max, Palette.series(1));
        }
    }

    private static void line(GraphicsContext g, Canvas canvas, Spark spark, double max, Color color) {
        int n = spark.size();
        if (n < 2) {
            return;
        }
        double w = canvas.getWidth();
        double h = canvas.getHeight() - 2;
        double step = w / (Spark.CAPACITY - 1);
        double x0 = w - (n - 1) * step; // newest reading at the right edge
        g.setStroke(color);
        g.setLineWidth(1.2);
        g.beginPath();
        for (int i = 0; i < n; i++) {
            double y = 1 + h - Math.min(1, Math.max(0, spark.value(i) / max)) * h;
            if (i == 0) {
                g.moveTo(x0, y);
            } else {
                g.lineTo(x0 + i * step, y);
            }
        }
        g.stroke();
    }
}
