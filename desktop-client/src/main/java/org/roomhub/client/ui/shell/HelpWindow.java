package org.roomhub.client.ui.shell;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Help (F1): a short guide to each tab, the keyboard shortcuts, and About. FX thread. */
final class HelpWindow {

    /** Index of the About page. */
    static final int ABOUT = 2;

    private static final List<String[]> GUIDE = List.of(
            new String[] {"Connection bar", "Hub address, token (only if the hub asks for one), your name, the room for chat and map,"
                    + " and how rooms are reached (WebSocket, Server-Sent Events or long polling). Connect applies them;"
                    + " Enter in the name field renames you everywhere without reconnecting."
                    + " The line below the bar says how every tab's connection is doing, and a refused token in words."},
            new String[] {"Metrics (Ctrl+1)", "Live charts of every machine that publishes to this hub, each in a room metrics/NAME."
                    + " Tick hosts on the left, pick how much time to show (1 min, 5 min, 1 h). Pause freezes the charts"
                    + " — lines, legend values and the counter — so you can read them; Resume shows what arrived meanwhile."},
            new String[] {"Chat (Ctrl+2)", "Talk with everyone in the room. People here lists who is connected right now;"
                    + " click a person to send a direct message only they see."},
            new String[] {"Map (Ctrl+3)", "A trip planner everyone in the room shares. With Add pin, a click places a pin of yours"
                    + " (drag yours to move them, edit label, colour and note under Pins); with Add waypoint, it adds a stop to the"
                    + " shared route (drag stops to reorder). The meeting point is the middle of all pins; Route lists each person's"
                    + " distance to it. Plans saves and restores the pins and route, and exports GPX or GeoJSON."
                    + " A grey, dashed pin belongs to someone who is not in the room now."},
            new String[] {"Architecture (Ctrl+4)", "The hub drawn live: each room is a small server object, coloured by its state"
                    + " (active, idle, hibernating = out of memory with its connections kept open, resuming), its clients, and"
                    + " messages as moving dots. Add client opens a simulated client in the chosen room; Send and Broadcast act"
                    + " through it; Hibernate now evicts the room, and the next message wakes it. Click a client to disconnect it."
                    + " Hover a line of the event log for its details. Its controls need an admin token."},
            new String[] {"Fleet (Ctrl+5)", "Every host publishing on this hub as a card with CPU, memory, network and disk lines,"
                    + " the most troubled first; click a card for its detail charts. Alerts fire when a rule holds (a figure past a"
                    + " threshold for some seconds, or a host silent); the tab's badge counts those firing. Add or remove rules on the"
                    + " right; they are kept with your settings. File › Connect to hub… (Ctrl+K) picks a recent hub."});

    private static final String SHORTCUTS = "F1  this help\nCtrl+1 … Ctrl+5  Metrics, Chat, Map, Architecture, Fleet\nCtrl+K  connect to a hub\nCtrl+Q  quit";

    private HelpWindow() {}

    /** Opens the help window over {@code owner} at page {@code page} (0 guide, 1 shortcuts, 2 about). */
    static Stage show(Window owner, int page, AboutInfo about, String hubAddress) {
        TabPane pages = new TabPane(
                tab("Guide", guide()),
                tab("Keyboard", text(SHORTCUTS, "help-shortcuts")),
                tab("About", text(aboutText(about, hubAddress), "help-about")));
        pages.getSelectionModel().select(page);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Roomhub help");
        Scene scene = new Scene(pages, 560, 520);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.setMinWidth(420);
        stage.setMinHeight(320);
        stage.show();
        return stage;
    }

    static String aboutText(AboutInfo about, String hubAddress) {
        return "Roomhub desktop " + about.version() + "\n\n"
                + "Hub: " + hubAddress + "\n"
                + "Data folder: " + about.dataFolder() + "\n"
                + "This machine publishes its metrics as: metrics/" + about.hostName() + "\n\n"
                + "Java " + System.getProperty("java.version") + " · JavaFX " + System.getProperty("javafx.version", "?");
    }

    private static VBox guide() {
        VBox box = new VBox(10);
        box.setId("help-guide");
        for (String[] section : GUIDE) {
            Label title = new Label(section[0]);
            title.getStyleClass().add("section-title");
            Label body = new Label(section[1]);
            body.setWrapText(true);
            box.getChildren().addAll(title, body);
        }
        box.setPadding(new Insets(12));
        return box;
    }

    private static Label text(String text, String id) {
        Label label = new Label(text);
        label.setId(id);
        label.setWrapText(true);
        label.setPadding(new Insets(12));
        return label;
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        Tab tab = new Tab(title, scroll);
        tab.setClosable(false);
        return tab;
    }
}
