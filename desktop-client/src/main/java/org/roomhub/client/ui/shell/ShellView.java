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
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.roomhub.client.net.TransportKind;
import org.roomhub.client.ui.common.PngWriter;
import org.roomhub.client.ui.common.FieldTooltip;

/** Menu, connection bar and the tabs. */
public final class ShellView extends BorderPane {

    private final ShellViewModel viewModel;
    private final TabPane tabs = new TabPane();
    private final Executor background;
    private final Label exportResult = new Label();
    private AboutInfo about = new AboutInfo(AboutInfo.appVersion(), "(not known)", "(not known)");
    private ConnectDialogViewModel connectDialog;

    /**
     * @param viewModel  the shell's state
     * @param tabSpecs   tab views in the order of the view-model's tabs
     * @param background runs slow work (PNG encoding) off the FX thread
     */
    public ShellView(ShellViewModel viewModel, List<TabSpec> tabSpecs, Executor background) {
        this.viewModel = viewModel;
        this.background = background;
        getStyleClass().add("shell");
        setTop(new VBox(menu(tabSpecs), connectionBar(), statusLine()));
        for (TabSpec spec : tabSpecs) {
            Tab tab = new Tab(spec.title(), spec.content());
            tab.setClosable(false);
            tab.setId("tab-" + spec.title().toLowerCase(java.util.Locale.ROOT));
            tab.setTooltip(new Tooltip(spec.title() + " (Ctrl+" + (tabs.getTabs().size() + 1) + "). F1 explains every tab."));
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

    /** What File › Connect to hub… opens. */
    public void setConnectDialog(ConnectDialogViewModel dialog) {
        this.connectDialog = dialog;
    }

    /** Opens the "Connect to hub" dialog. */
    public javafx.stage.Stage showConnectDialog() {
        return ConnectDialog.show(getScene() == null ? null : getScene().getWindow(), connectDialog);
    }

    /** What Help › About shows. */
    public void setAbout(AboutInfo info) {
        this.about = info;
    }

    /** Opens Help at the guide (0), the shortcuts (1) or About (2). */
    public void showHelp(int page) {
        HelpWindow.show(getScene() == null ? null : getScene().getWindow(), page, about, viewModel.hubAddressProperty().get());
    }

    private MenuBar menu(List<TabSpec> tabSpecs) {
        MenuItem export = new MenuItem("Export PNG…");
        export.setId("menu-export-png");
        export.setOnAction(e -> exportPng());
        MenuItem connectTo = new MenuItem("Connect to hub…");
        connectTo.setId("menu-connect");
        connectTo.setAccelerator(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN));
        connectTo.setOnAction(e -> showConnectDialog());
        MenuItem quit = new MenuItem("Quit");
        quit.setId("menu-quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> getScene().getWindow().hide());
        Menu view = new Menu("View");
        for (int i = 0; i < tabSpecs.size() && i < 9; i++) {
            int index = i;
            MenuItem item = new MenuItem(tabSpecs.get(i).title());
            item.setAccelerator(new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (i + 1)), KeyCombination.SHORTCUT_DOWN));
            item.setOnAction(e -> select(index));
            view.getItems().add(item);
        }
        MenuItem guide = new MenuItem("Guide");
        guide.setId("menu-help");
        guide.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        guide.setOnAction(e -> showHelp(0));
        MenuItem keys = new MenuItem("Keyboard shortcuts");
        keys.setOnAction(e -> showHelp(1));
        MenuItem aboutItem = new MenuItem("About Roomhub");
        aboutItem.setId("menu-about");
        aboutItem.setOnAction(e -> showHelp(HelpWindow.ABOUT));
        MenuBar bar = new MenuBar(new Menu("File", null, connectTo, export, quit), view, new Menu("Help", null, guide, keys, aboutItem));
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    /** Puts keyboard focus on the tabs, so the window does not open with the hub address selected for editing. */
    public void focusTabs() {
        tabs.requestFocus();
    }

    private HBox connectionBar() {
        TextField hub = field("hub-address", 200, 130, "hub address", "The hub to join, e.g. http://192.168.1.5:7070");
        hub.textProperty().bindBidirectional(viewModel.hubAddressProperty());
        HBox.setHgrow(hub, Priority.ALWAYS);
        hub.setMaxWidth(320);
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
        token.setMinWidth(80);
        FieldTooltip.install(token, "The credential a hub beyond loopback asks for (roomhub-hub.jar token …); leave empty for a local hub");
        token.textProperty().bindBidirectional(viewModel.tokenProperty());
        TextField name = field("user-name", 110, 70, "your name", "Your name as others see it in chat, on the map and in the architecture view; Enter renames you everywhere");
        name.textProperty().bindBidirectional(viewModel.userNameProperty());
        name.setOnAction(e -> {
            viewModel.applyName(); // Enter renames everywhere without reconnecting
            e.consume();
        });
        TextField room = field("room-name", 90, 60, "room", "The chat and map room to join (letters, digits, . _ -)");
        room.textProperty().bindBidirectional(viewModel.roomNameProperty());

        ComboBox<TransportKind> transport = new ComboBox<>();
        transport.setId("transport");
        transport.getItems().setAll(TransportKind.values());
        transport.valueProperty().bindBidirectional(viewModel.transportProperty());
        transport.setCellFactory(list -> new TransportCell());
        transport.setButtonCell(new TransportCell());
        transport.setMinWidth(Region.USE_PREF_SIZE);
        transport.setTooltip(new Tooltip("How rooms are reached: WebSocket, Server-Sent Events, or HTTP long polling; changing it reconnects"));

        Button connect = new Button();
        connect.setId("connect");
        connect.textProperty().bind(viewModel.connectedProperty().map(c -> c ? "Reconnect" : "Connect"));
        connect.setOnAction(e -> viewModel.connect());
        connect.setDefaultButton(true);
        connect.setMinWidth(Region.USE_PREF_SIZE);
        connect.setTooltip(new Tooltip("Connect every tab with the settings in this bar"));

        HBox bar = new HBox(6, label("Hub"), hub, token, label("Name"), name, label("Room"), room, transport, connect);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("connection-bar");
        return bar;
    }

    /** The status line under the bar: it wraps instead of squeezing the bar's fields into "…". */
    private HBox statusLine() {
        Label state = new Label();
        state.setId("connection-state");
        state.getStyleClass().add("connection-state");
        state.textProperty().bind(viewModel.statusProperty());
        state.setWrapText(true);
        state.setMinWidth(0);
        state.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(state, Priority.ALWAYS);
        Label error = new Label();
        error.setId("connection-error");
        error.getStyleClass().add("error");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        exportResult.getStyleClass().add("muted");
        Label notice = new Label();
        notice.setId("connection-notice");
        notice.getStyleClass().add("muted");
        notice.setWrapText(true);
        notice.textProperty().bind(viewModel.noticeProperty());
        notice.visibleProperty().bind(notice.textProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        exportResult.setMinWidth(Region.USE_PREF_SIZE);
        HBox line = new HBox(10, state, error, notice, exportResult);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setPadding(new Insets(0, 10, 5, 10));
        line.getStyleClass().add("status-line");
        return line;
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

    private static TextField field(String id, double width, double minWidth, String prompt, String tip) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefWidth(width);
        field.setMinWidth(minWidth);
        field.setPromptText(prompt);
        FieldTooltip.install(field, tip);
        return field;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("muted");
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** Shows a transport by its menu text. */
    private static final class TransportCell extends ListCell<TransportKind> {
        @Override
        protected void updateItem(TransportKind item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.label());
        }
    }
}
