package org.roomhub.client.ui.lab;

import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.roomhub.client.lab.LabReport;
import org.roomhub.client.lab.ScenarioKind;
import org.roomhub.client.ui.common.FieldTooltip;

/**
 * The lab panel beside the architecture diagram: a button per scenario, what the running one does,
 * its measured figures as a table, a small chart and the sentences that read them.
 */
public final class LabView extends ScrollPane {

    private final LabViewModel viewModel;
    private final GridPane table = new GridPane();
    private final LineChart<Number, Number> chart = new LineChart<>(new NumberAxis(), new NumberAxis());
    private final Label headline = new Label();
    private final VBox notes = new VBox(4);
    private final HBox costInputs;

    /** The panel of {@code viewModel}. */
    public LabView(LabViewModel viewModel) {
        this.viewModel = viewModel;
        setId("lab");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setMinWidth(220);

        Label title = new Label("Lab");
        title.getStyleClass().add("section-title");
        FlowPane buttons = new FlowPane(6, 6);
        for (ScenarioKind kind : viewModel.scenarios()) {
            Button b = new Button(kind.title());
            b.setId("lab-" + kind.id());
            b.setTooltip(wrapped(kind.explanation()));
            b.setOnAction(e -> viewModel.run(kind));
            buttons.getChildren().add(b);
        }
        Button stop = new Button("Stop");
        stop.setId("lab-stop");
        stop.setTooltip(new Tooltip("Stop the scenario: its clients close, settings it changed are restored, its rooms are deleted"));
        stop.setOnAction(e -> viewModel.stop());
        stop.disableProperty().bind(viewModel.runningProperty().isNull());
        buttons.getChildren().add(stop);

        Label explanation = wrap(new Label());
        explanation.setId("lab-explanation");
        explanation.textProperty().bind(viewModel.explanationProperty());
        headline.setId("lab-headline");
        headline.setStyle("-fx-font-weight: bold;");
        wrap(headline);

        table.setId("lab-table");
        table.setHgap(10);
        table.setVgap(3);
        chart.setId("lab-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setPrefHeight(230);
        chart.setLegendSide(javafx.geometry.Side.TOP);
        chart.setMinHeight(200);
        chart.setLegendVisible(true);
        chart.setVisible(false);
        chart.setManaged(false);

        costInputs = costInputs();
        FlowPane inspectorActions = inspectorActions();
        FlowPane failoverActions = FailoverActions.of(viewModel);
        notes.setId("lab-notes");

        VBox content = new VBox(8, title, buttons, explanation, headline, table, chart, costInputs, inspectorActions, failoverActions, notes);
        content.setPadding(new Insets(10));
        setContent(content);
        viewModel.reportProperty().addListener((o, a, report) -> show(report));
        viewModel.runningProperty().addListener((o, a, kind) -> {
            boolean cost = kind != null && "hibernation".equals(kind.id()); // the only scenario with typed inputs
            costInputs.setVisible(cost);
            costInputs.setManaged(cost);
            boolean inspector = kind != null && "inspector".equals(kind.id());
            inspectorActions.setVisible(inspector);
            inspectorActions.setManaged(inspector);
            boolean failover = kind != null && "failover".equals(kind.id());
            failoverActions.setVisible(failover);
            failoverActions.setManaged(failover);
        });
    }

    private HBox costInputs() {
        TextField users = new TextField();
        users.setId("lab-users");
        users.setPrefColumnCount(6);
        users.textProperty().bindBidirectional(viewModel.usersTextProperty());
        FieldTooltip.install(users, "How many connected users the cost example counts");
        TextField rate = new TextField();
        rate.setId("lab-rate");
        rate.setPrefColumnCount(5);
        rate.textProperty().bindBidirectional(viewModel.rateTextProperty());
        FieldTooltip.install(rate, "Price of keeping one room in memory for one hour, in any currency");
        Label problem = new Label();
        problem.textProperty().bind(viewModel.inputProblemProperty());
        problem.setStyle("-fx-text-fill: #b91c1c;");
        HBox box = new HBox(6, new Label("users"), users, new Label("rate / awake hour"), rate, problem);
        box.setVisible(false);
        box.setManaged(false);
        return box;
    }

    private FlowPane inspectorActions() {
        Button hibernate = new Button("Hibernate");
        hibernate.setId("lab-inspect-hibernate");
        hibernate.setTooltip(new Tooltip("POST /api/rooms/{type}/{name}/hibernate: evict the room now, its connections stay"));
        hibernate.setOnAction(e -> viewModel.hibernateInspected());
        javafx.scene.control.ComboBox<String> session = new javafx.scene.control.ComboBox<>(viewModel.inspectedSessions());
        session.setId("lab-inspect-session");
        session.setPromptText("session");
        session.setPrefWidth(110);
        session.setTooltip(new Tooltip("The session Disconnect closes"));
        Button disconnect = new Button("Disconnect");
        disconnect.setId("lab-inspect-disconnect");
        disconnect.setTooltip(new Tooltip("DELETE …/sessions/{id}: the hub closes that client (1000); it may reconnect"));
        disconnect.setOnAction(e -> viewModel.disconnectInspected(session.getValue()));
        Button delete = new Button("Delete room");
        delete.setId("lab-inspect-delete");
        delete.setTooltip(new Tooltip("DELETE /api/rooms/{type}/{name}: close its clients (1001), delete the room and its storage"));
        delete.setOnAction(e -> viewModel.deleteInspected());
        FlowPane box = new FlowPane(6, 6, hibernate, session, disconnect, delete); // wraps in a narrow panel, never "…"
        box.setVisible(false);
        box.setManaged(false);
        return box;
    }

    private void show(LabReport report) {
        if (report == null) {
            return;
        }
        headline.setText(report.headline());
        table.getChildren().clear();
        table.getColumnConstraints().clear();
        for (int c = 0; c < report.columns().size(); c++) {
            ColumnConstraints cc = new ColumnConstraints();
            // Row labels keep their width; with one value column the values take the rest and wrap.
            boolean oneValue = report.columns().size() == 2;
            cc.setHgrow(c == 0 ? (oneValue ? Priority.NEVER : Priority.ALWAYS) : (oneValue ? Priority.ALWAYS : Priority.NEVER));
            if (c == 0) {
                cc.setMinWidth(Region.USE_PREF_SIZE);
            } else if (!oneValue) {
                cc.setMinWidth(72); // a narrow title ("SSE") must not squeeze "15 of 15" onto two lines
            }
            table.getColumnConstraints().add(cc);
            Label head = new Label(report.columns().get(c));
            head.setStyle("-fx-font-weight: bold;");
            head.setMinWidth(Region.USE_PREF_SIZE); // a column's title is never cut to "WebSo…"; its values wrap below it
            table.add(head, c, 0);
        }
        for (int r = 0; r < report.rows().size(); r++) {
            LabReport.Row row = report.rows().get(r);
            Label label = new Label(row.label());
            if (row.hint() != null) {
                label.setTooltip(wrapped(row.hint()));
            }
            table.add(label, 0, r + 1);
            for (int c = 0; c < row.cells().size(); c++) {
                Label cell = wrap(new Label(row.cells().get(c)));
                cell.setId("lab-cell-" + r + "-" + c);
                table.add(cell, c + 1, r + 1);
            }
        }
        boolean hasChart = !report.chart().isEmpty();
        chart.setVisible(hasChart);
        chart.setManaged(hasChart);
        chart.setTitle(report.chartTitle());
        chart.getData().clear();
        for (LabReport.Series s : report.chart()) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(s.name());
            for (int i = 0; i < s.values().size(); i++) {
                series.getData().add(new XYChart.Data<>(i + 1, s.values().get(i)));
            }
            chart.getData().add(series);
        }
        notes.getChildren().clear();
        report.notes().forEach(n -> notes.getChildren().add(wrap(new Label(n))));
    }

    private static Label wrap(Label label) {
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private static Tooltip wrapped(String text) {
        Tooltip tip = new Tooltip(text);
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        return tip;
    }
}
