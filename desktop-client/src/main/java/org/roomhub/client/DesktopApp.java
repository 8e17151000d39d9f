package org.roomhub.client;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.roomhub.client.agent.MetricsPublisher;
import org.roomhub.client.agent.PublisherParticipant;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.net.TransportKind;
import org.roomhub.client.settings.DesktopSettings;
import org.roomhub.client.settings.SettingsStore;
import org.roomhub.client.ui.architecture.ArchitectureView;
import org.roomhub.client.ui.architecture.ArchitectureViewModel;
import org.roomhub.client.ui.chat.ChatView;
import org.roomhub.client.ui.chat.ChatViewModel;
import org.roomhub.client.ui.common.Identity;
import org.roomhub.client.ui.common.TabViewModel;
import org.roomhub.client.ui.fleet.FleetView;
import org.roomhub.client.ui.fleet.FleetViewModel;
import org.roomhub.client.ui.map.MapView;
import org.roomhub.client.ui.map.MapViewModel;
import org.roomhub.client.ui.map.ViewportStore;
import org.roomhub.client.ui.metrics.MetricsView;
import org.roomhub.client.ui.metrics.MetricsViewModel;
import org.roomhub.client.ui.shell.AboutInfo;
import org.roomhub.client.ui.shell.ConnectDialogViewModel;
import org.roomhub.client.ui.shell.ShellView;
import org.roomhub.client.ui.shell.ShellViewModel;
import org.roomhub.client.ui.shell.TabSpec;
import org.roomhub.protocol.FrameCodec;

/**
 * Wires view-models, views and the hub client into one window. Built and used on the FX thread.
 */
public final class DesktopApp {

    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "desktop-background");
        t.setDaemon(true);
        return t;
    });
    private final MetricsViewModel metrics;
    private final ChatViewModel chat;
    private final MapViewModel map;
    private final ArchitectureViewModel architecture;
    private final FleetViewModel fleet;
    private final MapView mapView;
    private final ShellViewModel shell;
    private final ShellView shellView;
    private final PublisherParticipant publisher;
    private final ConnectDialogViewModel connectDialog;
    private final AppSettings settings;

    /**
     * @param hubUrl    hub to connect to
     * @param token     credential, or null
     * @param userName  display name
     * @param roomName  chat and map room
     * @param localHost this machine's metrics room
     */
    public DesktopApp(String hubUrl, String token, String userName, String roomName, String localHost) {
        this(hubUrl, token, userName, roomName, localHost, false, ViewportStore.inMemory());
    }

    /**
     * @param hubUrl    hub to connect to
     * @param token     credential, or null
     * @param userName  display name
     * @param roomName  chat and map room
     * @param localHost this machine's metrics room
     * @param publish   whether this machine's metrics are published into {@code metrics/<localHost>}
     * @param mapViews  where the map remembers its view per room (the window: the user's preferences)
     */
    public DesktopApp(String hubUrl, String token, String userName, String roomName, String localHost, boolean publish,
                      ViewportStore mapViews) {
        FrameCodec codec = new FrameCodec();
        metrics = new MetricsViewModel(Platform::runLater, System::currentTimeMillis);
        chat = new ChatViewModel(Platform::runLater, System::currentTimeMillis);
        map = new MapViewModel(Platform::runLater, background, mapViews);
        architecture = new ArchitectureViewModel(Platform::runLater, System::currentTimeMillis);
        fleet = new FleetViewModel(Platform::runLater, System::currentTimeMillis, 5_000, DesktopApp::beep);
        List<TabViewModel> tabs = List.of(metrics, chat, map, architecture, fleet);
        publisher = new PublisherParticipant();
        java.util.function.BiFunction<HubEndpoint, TransportKind, HubClient> clients = (endpoint, transport) -> new HubClient(endpoint, codec, transport);
        shell = new ShellViewModel(tabs, publish ? List.of(publisher) : List.of(), clients,
                Platform::runLater, new Identity(userName), hubUrl, token, localHost);
        connectDialog = new ConnectDialogViewModel(shell, clients, Platform::runLater);
        shell.roomNameProperty().set(roomName);
        chat.visibleProperty().bind(shell.selectedTabProperty().isEqualTo(View.CHAT.tabIndex()));
        mapView = new MapView(map, codec.mapper());
        shellView = new ShellView(shell, List.of(
                new TabSpec("Metrics", new MetricsView(metrics), null),
                new TabSpec("Chat", new ChatView(chat), chat.unreadProperty().map(n -> n.intValue() == 0 ? "" : n.toString())),
                new TabSpec("Map", mapView, null),
                new TabSpec("Architecture", new ArchitectureView(architecture), null),
                new TabSpec("Fleet", new FleetView(fleet), fleet.firingProperty().map(n -> n.intValue() == 0 ? "" : n.toString()))), background);
        shellView.setConnectDialog(connectDialog);
        settings = new AppSettings(shell, metrics, fleet, connectDialog, background);
        // A card's click opens that host's detail charts in the metrics tab.
        fleet.setOpenHost(host -> {
            metrics.showOnly(host);
            select(View.METRICS);
        });
    }

    /** The smallest window every view is laid out for without overlapping nodes. */
    public static final double MIN_WIDTH = 800;
    /** See {@link #MIN_WIDTH}. */
    public static final double MIN_HEIGHT = 600;

    /** What Help › About shows: where data lives and the name this machine publishes as. */
    public void setAbout(String dataFolder, String hostName) {
        shellView.setAbout(new AboutInfo(AboutInfo.appVersion(), dataFolder, hostName));
    }

    /**
     * Remembers settings in {@code store}: applies what it holds now (name and transport only when
     * the command line did not give them) and saves on every connect and on {@link #close()}.
     */
    public void useSettings(SettingsStore store, boolean nameGiven, boolean transportGiven) {
        settings.use(store, nameGiven, transportGiven);
        shellView.select(shell.selectedTabProperty().get());
    }

    /** The settings as they stand now (what {@link #close()} saves). */
    public DesktopSettings currentSettings() {
        return settings.current(shellView.getScene() == null ? null : shellView.getScene().getWindow());
    }

    /** Shows the window at {@code width}×{@code height} (at least {@link #MIN_WIDTH}×{@link #MIN_HEIGHT} for a window) and connects. */
    public void show(Stage stage, double width, double height) {
        DesktopSettings.WindowPlace place = settings.savedWindow();
        if (place != null) {
            // Where the user left it; the screen may have changed, so the place is a wish the window manager may adjust.
            stage.setX(place.x());
            stage.setY(place.y());
            width = place.width();
            height = place.height();
        }
        Scene scene = new Scene(shellView, width, height);
        scene.getStylesheets().add(DesktopApp.class.getResource("ui/shell/app.css").toExternalForm());
        stage.setMinWidth(Math.min(MIN_WIDTH, width));
        stage.setMinHeight(Math.min(MIN_HEIGHT, height));
        stage.setTitle("Roomhub");
        stage.setScene(scene);
        stage.show();
        shellView.focusTabs();
        shell.connect();
    }

    /** Brings {@code view}'s tab to the front. */
    public void select(View view) {
        shellView.select(view.tabIndex());
    }

    /** Whether {@code view} shows data from the hub. */
    public boolean hasLiveData(View view) {
        List<TabViewModel> tabs = shell.tabs();
        boolean data = view.tabIndex() < tabs.size() && tabs.get(view.tabIndex()).hasLiveData();
        return view == View.MAP ? data && mapView.isLoaded() : data;
    }

    /** The chat tab's state, for tests. */
    public ChatViewModel chat() {
        return chat;
    }

    /** The map tab's state, for tests. */
    public MapViewModel map() {
        return map;
    }

    /** The map view, whose bridge tells what the page shows. */
    public MapView mapView() {
        return mapView;
    }

    /** The metrics tab's state, for tests. */
    public MetricsViewModel metrics() {
        return metrics;
    }

    /** The architecture tab's state, for tests. */
    public ArchitectureViewModel architecture() {
        return architecture;
    }

    /** The fleet tab's state, for tests. */
    public FleetViewModel fleet() {
        return fleet;
    }

    private static void beep() {
        try {
            java.awt.Toolkit.getDefaultToolkit().beep();
        } catch (RuntimeException | Error e) {
            // no sound device or a headless machine: the badge and the list still tell
        }
    }

    /** The root node, for pictures. */
    public ShellView root() {
        return shellView;
    }

    /** This machine's metrics publisher as the connection bar last made it, or null. */
    public MetricsPublisher publisher() {
        return publisher.current();
    }

    /** The shell's state, for tests. */
    public ShellViewModel shell() {
        return shell;
    }

    /** The "Connect to hub" dialog's state, for tests. */
    public ConnectDialogViewModel connectDialog() {
        return connectDialog;
    }

    /** Saves the settings (when kept), disconnects and stops background work. */
    public void close() {
        settings.saveNow(shellView.getScene() == null ? null : shellView.getScene().getWindow());
        shell.disconnect();
        background.shutdownNow();
    }
}
