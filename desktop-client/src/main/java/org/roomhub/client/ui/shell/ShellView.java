package org.roomhub.client.ui.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.roomhub.client.ui.common.PngWriter;

/** Menu, connection bar and the tabs. */
public final class ShellView extends BorderPane {

    private final ShellViewModel viewModel;
    private final TabPane tabs = new TabPane();
    private final Executor background;
    private final Label exportResult = new Label();

    /**
     * @param viewModel  the shell's state
     * @param tabSpecs   tab views in the order of the view-model's tabs
     * @param background runs slow work (PNG encoding) off the FX thread
     */
    public ShellView(ShellViewModel viewModel, List<TabSpec> tabSpecs, Executor background) {
        this.viewModel = viewModel;
        this.background = background;
        getStyleClass().add("shell");
        setTop(new VBox(menu(), connectionBar()));
        for (TabSpec spec : tabSpecs) {
            Tab tab = new Tab(spec.title(), spec.content());
            tab.setClosable(false);
            tab.setId("tab-" + spec.title().toLowerCase(java.util.Locale.ROOT));
            if (spec.badge() != null) {
                Label badge = new Label();
                badge.getStyleClass().add("badge");
                badge.textProperty().bind(spec.badge());
                badge.visibleProperty().bind(badge.textProperty().isNotEmpty());
                badge.managedProperty().bind(badge.visibleProperty());
                // Title and badge together in the graphic so the badge sits right of the title.
                tab.setText(null);
                HBox title = new HBox(5, new Label(spec.title()), badge);
                title.setAlignment(Pos.CENTER_LEFT);
                tab.setGraphic(title);
            }
            tabs.getTabs().add(tab);
        }
        tabs.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> viewModel.selectedTabProperty().set(now.intValue()));
        viewModel.selectedTabProperty().addListener((obs, old, now) -> tabs.getSelectionModel().select(now.intValue()));
        setCenter(tabs);
    }

    /** Shows the tab at {@code index}. */
    public void select(int index) {
        tabs.getSelectionModel().select(index);
    }

    private MenuBar menu() {
        MenuItem export = new MenuItem("Export PNG…");
        export.setId("menu-export-png");
        export.setOnAction(e -> exportPng());
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> getScene().getWindow().hide());
        MenuBar bar = new MenuBar(new Menu("File", null, export, quit));
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    /** Puts keyboard focus on the tabs, so the window does not open with the hub address selected for editing. */
    public void focusTabs() {
        tabs.requestFocus();
    }

    private HBox connectionBar() {
        TextField hub = field("hub-address", 200, "hub address");
        hub.textProperty().bindBidirectional(viewModel.hubAddressProperty());
        PasswordField token = new PasswordField();
        token.setId("hub-token");
        token.promptTextProperty().bind(viewModel.tokenPromptProperty());
        // A refused token is marked and gets the focus: that is where the fix goes.
        viewModel.tokenProblemProperty().addListener((obs, was, is) -> {
            token.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("refused"), is);
            if (is) {
                token.requestFocus();
            }
        });
        token.setPrefWidth(120);
        token.textProperty().bindBidirectional(viewModel.tokenProperty());
        TextField name = field("user-name", 110, "your name");
        name.textProperty().bindBidirectional(viewModel.userNameProperty());
        name.setOnAction(e -> {
            viewModel.applyName(); // Enter renames everywhere without reconnecting
            e.consume();
        });
        TextField room = field("room-name", 90, "room");
        room.textProperty().bindBidirectional(viewModel.roomNameProperty());

        ComboBox<Transport> transport = new ComboBox<>();
        transport.setId("transport");
        transport.getItems().setAll(Transport.values());
        transport.valueProperty().bindBidirectional(viewModel.transportProperty());
        transport.setCellFactory(list -> new TransportCell());
        transport.setButtonCell(new TransportCell());

        Button connect = new Button();
        connect.setId("connect");
        connect.textProperty().bind(viewModel.connectedProperty().map(c -> c ? "Reconnect" : "Connect"));
        connect.setOnAction(e -> viewModel.connect());
        connect.setDefaultButton(true);

        Label state = new Label();
        state.setId("connection-state");
        state.getStyleClass().add("connection-state");
        state.textProperty().bind(viewModel.statusProperty());
        state.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(state, Priority.ALWAYS);
        Label error = new Label();
        error.setId("connection-error");
        error.getStyleClass().add("error");
        error.textProperty().bind(viewModel.errorProperty());
        exportResult.getStyleClass().add("muted");
        Label notice = new Label();
        notice.setId("connection-notice");
        notice.getStyleClass().add("muted");
        notice.textProperty().bind(viewModel.noticeProperty());

        HBox bar = new HBox(6, label("Hub"), hub, token, label("Name"), name, label("Room"), room, transport, connect,
                spacer(), state, error, notice, exportResult);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("connection-bar");
        return bar;
    }

    private void exportPng() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export PNG");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName("roomhub-" + tabs.getSelectionModel().getSelectedItem().getId().substring(4) + ".png");
        java.io.File file = chooser.showSaveDialog(getScene().getWindow());
        if (file == null) {
            return;
        }
        WritableImage image = PngWriter.snapshot(getScene().getRoot());
        Path target = file.toPath();
        background.execute(() -> {
            String result;
            try {
                PngWriter.write(image, target);
                result = "saved " + target.getFileName();
            } catch (java.io.IOException ex) {
                result = "export failed: " + ex.getMessage();
            }
            String shown = result;
            javafx.application.Platform.runLater(() -> exportResult.setText(shown));
        });
    }

    private static TextField field(String id, double width, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefWidth(width);
        field.setPromptText(prompt);
        return field;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("muted");
        return label;
    }

    private static Region spacer() {
        Region r = new Region();
        r.setMinWidth(8);
        return r;
    }

    /** Shows a transport by its menu text. */
    private static final class TransportCell extends ListCell<Transport> {
        @Override
        protected void updateItem(Transport item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.label());
        }
    }
}
