package org.roomhub.client.ui.fleet;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.roomhub.client.ui.common.FieldTooltip;

/** The fleet view's side: alerts with their times, the rules and their editor, the sound switch. */
final class AlertsPane extends VBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    AlertsPane(FleetViewModel viewModel) {
        Label title = new Label("Alerts");
        title.getStyleClass().add("section-title");
        ListView<Alert> alerts = new ListView<>(viewModel.alerts());
        alerts.setId("fleet-alerts");
        alerts.setCellFactory(list -> new AlertCell());
        alerts.setPlaceholder(new Label("No alerts"));
        Button clear = new Button("Clear resolved");
        clear.setOnAction(e -> viewModel.clearResolved());
        clear.setTooltip(new Tooltip("Remove resolved alerts from the list; firing ones stay"));
        alerts.setTooltip(new Tooltip("Alerts, newest first: when each fired, on which host, why, and when it resolved"));
        CheckBox sound = new CheckBox("Sound on new alert");
        sound.setId("fleet-sound");
        sound.selectedProperty().bindBidirectional(viewModel.soundProperty());
        sound.setTooltip(new Tooltip("Beep when an alert fires (kept with your settings)"));

        Label rulesTitle = new Label("Rules");
        rulesTitle.getStyleClass().add("section-title");
        ListView<AlertRule> rules = new ListView<>(viewModel.rules());
        rules.setId("fleet-rules");
        rules.setPrefHeight(110);
        rules.setTooltip(new Tooltip("The rules every host is judged by, twice a second; select one to remove it"));
        rules.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(AlertRule rule, boolean empty) {
                super.updateItem(rule, empty);
                setText(empty || rule == null ? null : rule.describe());
            }
        });
        Button remove = new Button("Remove");
        remove.setId("rule-remove");
        remove.disableProperty().bind(rules.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> viewModel.rules().remove(rules.getSelectionModel().getSelectedItem()));
        remove.setTooltip(new Tooltip("Remove the selected rule; its alerts resolve"));

        ComboBox<String> kind = new ComboBox<>();
        kind.setId("rule-kind");
        kind.getItems().setAll("figure", "silent");
        kind.setValue("figure");
        kind.setTooltip(new Tooltip("figure: a metric past a threshold; silent: no figures from a host for some seconds"));
        TextField metric = field("rule-metric", "cpu.total", 100, "Metric name, or a pattern like fs.used.* (the worst matching figure counts)");
        ComboBox<String> comparison = new ComboBox<>();
        comparison.setId("rule-comparison");
        comparison.getItems().setAll(">", "<");
        comparison.setValue(">");
        comparison.setTooltip(new Tooltip("Above (>) or below (<) the threshold"));
        TextField threshold = field("rule-threshold", "90", 50, "Threshold, e.g. 90 (percent for cpu.total and fs.used.*)");
        TextField seconds = field("rule-seconds", "60", 45, "Seconds it must hold before the alert fires (silent: seconds without figures)");
        TextField hosts = field("rule-hosts", "any host", 80, "Host name or pattern (web-*); empty for any host");
        metric.disableProperty().bind(kind.valueProperty().isEqualTo("silent"));
        comparison.disableProperty().bind(metric.disableProperty());
        threshold.disableProperty().bind(metric.disableProperty());
        Label problem = new Label();
        problem.setId("rule-problem");
        problem.getStyleClass().add("error");
        problem.setWrapText(true);
        Button add = new Button("Add rule");
        add.setId("rule-add");
        add.setTooltip(new Tooltip("Add the rule typed here; what is wrong with it is said below"));
        add.setOnAction(e -> {
            RuleForm.Result r = RuleForm.read(kind.getValue().equals("silent"), metric.getText(), comparison.getValue().equals(">"),
                    threshold.getText(), seconds.getText(), hosts.getText());
            problem.setText(r.problem() == null ? "" : r.problem());
            if (r.rule() != null && !viewModel.rules().contains(r.rule())) {
                viewModel.rules().add(r.rule());
            }
        });
        FlowPane editor = new FlowPane(4, 4, kind, metric, comparison, threshold, new Label("for"), seconds, new Label("s on"), hosts, add, remove);

        setSpacing(6);
        setPadding(new Insets(10));
        setPrefWidth(340);
        setMinWidth(280);
        getStyleClass().add("sidebar");
        VBox.setVgrow(alerts, Priority.ALWAYS);
        getChildren().addAll(title, alerts, new HBox(8, clear, sound), rulesTitle, rules, editor, problem);
    }

    private static TextField field(String id, String prompt, double width, String tip) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefWidth(width);
        FieldTooltip.install(f, tip);
        return f;
    }

    /** "12:03:04 web-1 · cpu.total > 90 for 60 s on any host (cpu.total 97.0) · resolved 12:04:10". */
    private static final class AlertCell extends ListCell<Alert> {
        @Override
        protected void updateItem(Alert a, boolean empty) {
            super.updateItem(a, empty);
            getStyleClass().removeAll("alert-firing", "alert-resolved");
            if (empty || a == null) {
                setText(null);
                return;
            }
            setWrapText(true);
            setPrefWidth(0);
            setText(TIME.format(Instant.ofEpochMilli(a.firedAt())) + "  " + a.host() + ": " + a.rule() + " (" + a.detail() + ")"
                    + (a.firing() ? " · FIRING" : " · resolved " + TIME.format(Instant.ofEpochMilli(a.resolvedAt()))));
            getStyleClass().add(a.firing() ? "alert-firing" : "alert-resolved");
        }
    }
}
