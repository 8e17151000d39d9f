package org.roomhub.client;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.stage.Window;
import org.roomhub.client.settings.DesktopSettings;
import org.roomhub.client.settings.SettingsStore;
import org.roomhub.client.ui.fleet.FleetViewModel;
import org.roomhub.client.ui.metrics.MetricsViewModel;
import org.roomhub.client.ui.metrics.TimeWindow;
import org.roomhub.client.ui.shell.ConnectDialogViewModel;
import org.roomhub.client.ui.shell.ShellViewModel;
import org.roomhub.client.net.TransportKind;

/**
 * Moves the remembered settings into the view-models at start and back out on connect and on close.
 * Without a store (pictures, most tests) nothing is read or written. FX thread; files are written
 * on the background executor, except the last save on close.
 */
final class AppSettings {

    private static final Logger LOG = Logger.getLogger(AppSettings.class.getName());

    private final ShellViewModel shell;
    private final MetricsViewModel metrics;
    private final FleetViewModel fleet;
    private final ConnectDialogViewModel dialog;
    private final Executor background;
    private SettingsStore store;
    private boolean restoring;
    private DesktopSettings saved = DesktopSettings.defaults();

    AppSettings(ShellViewModel shell, MetricsViewModel metrics, FleetViewModel fleet, ConnectDialogViewModel dialog, Executor background) {
        this.shell = shell;
        this.metrics = metrics;
        this.fleet = fleet;
        this.dialog = dialog;
        this.background = background;
        shell.connectedProperty().addListener((obs, was, is) -> {
            if (is) {
                saveLater();
            }
        });
        // Alerts fire and resolve rarely: each change is saved, so a crash loses none of the history.
        fleet.alerts().addListener((javafx.collections.ListChangeListener<org.roomhub.client.ui.fleet.Alert>) c -> saveLater());
    }

    /** Saves the settings as they are now on the background executor (FX thread). */
    private void saveLater() {
        if (store != null && !restoring) {
            DesktopSettings now = current(null);
            SettingsStore target = store;
            try {
                background.execute(() -> save(target, now));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the app closed (and saved on closing); a late alert change of its view has nowhere to go
            }
        }
    }

    /** Reads {@code store} and applies it; name and transport only when the command line left them out. */
    void use(SettingsStore settingsStore, boolean nameGiven, boolean transportGiven) {
        saved = settingsStore.load();
        restoring = true;
        try {
            store = settingsStore;
            if (!nameGiven && saved.name() != null && !saved.name().isBlank()) {
                shell.userNameProperty().set(saved.name());
            }
            if (!transportGiven && saved.transport() != null) {
                shell.transportProperty().set(parse(TransportKind.class, saved.transport(), shell.transportProperty().get()));
            }
            if (saved.selectedTab() >= 0 && saved.selectedTab() < shell.tabs().size()) {
                shell.selectedTabProperty().set(saved.selectedTab());
            }
            if (saved.chartWindow() != null) {
                metrics.windowProperty().set(parse(TimeWindow.class, saved.chartWindow(), metrics.windowProperty().get()));
            }
            if (saved.alertRules() != null) {
                fleet.rules().setAll(saved.alertRules());
            }
            fleet.soundProperty().set(saved.alertSound());
            fleet.restoreAlerts(saved.alertHistory());
        } finally {
            restoring = false;
        }
        List<DesktopSettings.RecentHub> recent = saved.recentHubs();
        for (int i = recent.size() - 1; i >= 0; i--) {
            dialog.remember(recent.get(i));
        }
    }

    /** The window place read at start, or null. */
    DesktopSettings.WindowPlace savedWindow() {
        return saved.window();
    }

    /** The settings now; {@code window} gives the place, or null to keep the saved one. */
    DesktopSettings current(Window window) {
        DesktopSettings.WindowPlace place = window == null || window.getWidth() <= 0 ? saved.window()
                : new DesktopSettings.WindowPlace(window.getX(), window.getY(), window.getWidth(), window.getHeight());
        TransportKind transport = shell.transportProperty().get();
        return new DesktopSettings(List.copyOf(dialog.recent()), shell.identity().current(), transport == null ? null : transport.name(),
                place, shell.selectedTabProperty().get(), metrics.windowProperty().get().name(), List.copyOf(fleet.rules()),
                fleet.soundProperty().get(), List.copyOf(fleet.alerts()));
    }

    /** Saves at once (closing). */
    void saveNow(Window window) {
        if (store != null) {
            saved = current(window);
            save(store, saved);
        }
    }

    private static void save(SettingsStore store, DesktopSettings settings) {
        try {
            store.save(settings);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e.getMessage(), e);
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, E fallback) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
