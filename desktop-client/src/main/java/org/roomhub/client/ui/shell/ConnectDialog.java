package org.roomhub.client.ui.shell;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.roomhub.client.settings.DesktopSettings.RecentHub;

/** File › Connect to hub…: recent hubs, address, token, and what went wrong. */
public final class ConnectDialog extends VBox {

    private final ConnectDialogViewModel viewModel;

    /** The dialog's content for {@code viewModel}. */
    public ConnectDialog(ConnectDialogViewModel viewModel) {
        this.viewModel = viewModel;
        setId("connect-dialog");
        Label recentTitle = new Label("Recent hubs");
        recentTitle.getStyleClass().add("section-title");
        ListView<RecentHub> recent = new ListView<>(viewModel.recent());
        recent.setId("recent-hubs");
        recent.setPrefHeight(140);
        recent.setPlaceholder(new Label("None yet: hubs you connect to are listed here."));
        recent.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(RecentHub hub, boolean empty) {
                super.updateItem(hub, empty);
                setText(empty || hub == null ? null : hub.url() + (hub.token() == null || hub.token().isEmpty() ? "" : "  (token saved)"));
            }
        });
        recent.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> viewModel.choose(now));
        recent.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                viewModel.connect();
            }
        });
        TextField address = new TextField();
        address.setId("dialog-hub-address");
        address.setPromptText("http://192.168.1.5:7070");
        address.textProperty().bindBidirectional(viewModel.addressProperty());
        PasswordField token = new PasswordField();
        token.setId("dialog-hub-token");
        token.setPromptText("token (if the hub needs one)");
        token.textProperty().bindBidirectional(viewModel.tokenProperty());
        Label problem = new Label();
        problem.setId("dialog-problem");
        problem.getStyleClass().add("error");
        problem.setWrapText(true);
        problem.setMaxWidth(456);
        problem.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the whole sentence, never "…"
        problem.textProperty().bind(viewModel.problemProperty());
        Button connect = new Button("Connect");
        connect.setId("dialog-connect");
        connect.setDefaultButton(true);
        connect.disableProperty().bind(viewModel.busyProperty());
        connect.setOnAction(e -> viewModel.connect());
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> getScene().getWindow().hide());
        setSpacing(8);
        setPadding(new Insets(12));
        setPrefWidth(480);
        getChildren().addAll(recentTitle, recent, new Label("Hub address"), address, new Label("Token"), token, problem, new HBox(8, connect, cancel));
        viewModel.doneProperty().addListener((obs, was, is) -> {
            if (is && getScene() != null) {
                getScene().getWindow().hide();
            }
        });
    }

    /** Opens the dialog over {@code owner}. */
    public static Stage show(Window owner, ConnectDialogViewModel viewModel) {
        viewModel.open();
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Connect to hub");
        Scene scene = new Scene(new ConnectDialog(viewModel));
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
