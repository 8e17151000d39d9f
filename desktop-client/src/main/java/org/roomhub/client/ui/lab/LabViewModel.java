package org.roomhub.client.ui.lab;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.roomhub.client.lab.InspectorScenario;
import org.roomhub.client.lab.LabContext;
import org.roomhub.client.lab.LabInputs;
import org.roomhub.client.lab.LabReport;
import org.roomhub.client.lab.Scenario;
import org.roomhub.client.lab.ScenarioKind;
import org.roomhub.client.net.HubClient;

/**
 * The lab panel: which scenario runs, what it explains and what it has measured (refreshed twice a
 * second), plus the cost inputs. Starting and stopping a scenario (joins, admin calls, deletes) runs
 * off the UI thread; figures come back on it.
 */
public final class LabViewModel {

    private static final long REFRESH_MILLIS = 500;

    private final Executor ui;
    private final BiConsumer<String, String> log;
    private final java.util.function.Consumer<String> roomGone;
    private final java.util.function.Consumer<org.roomhub.client.net.HubEndpoint> show;
    private final Runnable settingsChanged;
    private final LabInputs inputs = new LabInputs();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lab-worker");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyObjectWrapper<ScenarioKind> running = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LabReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper(
            "Pick a scenario: each runs on the hub this app is connected to, with real connections, and measures what happens.");
    private final StringProperty usersText = new SimpleStringProperty("1000");
    private final StringProperty rateText = new SimpleStringProperty("0.01");
    private final ReadOnlyStringWrapper inputProblem = new ReadOnlyStringWrapper("");
    private final javafx.collections.ObservableList<String> sessions = javafx.collections.FXCollections.observableArrayList();
    private final javafx.collections.ObservableList<String> members = javafx.collections.FXCollections.observableArrayList();
    private volatile String selectedRoom;
    private volatile HubClient hub;
    private volatile Scenario current;
    private java.util.concurrent.ScheduledFuture<?> refresher;

    /**
     * @param ui  runs a task on the UI thread
     * @param log      adds a line to the architecture view's event log; called on the UI thread
     * @param roomGone told the key ({@code type/name}) of a room a scenario deleted; called on the UI thread
     */
    public LabViewModel(Executor ui, BiConsumer<String, String> log, java.util.function.Consumer<String> roomGone) {
        this(ui, log, roomGone, endpoint -> { }, () -> { });
    }

    /**
     * @param show            told (on the UI thread) a hub a scenario started, for the diagram to show; null: the app's hub
     * @param settingsChanged told (on the UI thread) that a scenario changed or restored a setting of the app's hub
     */
    public LabViewModel(Executor ui, BiConsumer<String, String> log, java.util.function.Consumer<String> roomGone,
            java.util.function.Consumer<org.roomhub.client.net.HubEndpoint> show, Runnable settingsChanged) {
        this.show = show;
        this.settingsChanged = settingsChanged;
        this.ui = ui;
        this.log = log;
        this.roomGone = roomGone;
        usersText.addListener((o, a, b) -> readInputs());
        rateText.addListener((o, a, b) -> readInputs());
    }

    /** The hub the scenarios run on. */
    public void attach(HubClient hub) {
        this.hub = hub;
    }

    /** Stops the running scenario; the hub is left clean. */
    public void detach() {
        stop();
        this.hub = null;
    }

    /** Every scenario the lab offers. */
    public List<ScenarioKind> scenarios() {
        return List.of(ScenarioKind.values());
    }

    /** Stops whatever runs and starts {@code kind} on the attached hub. */
    public void run(ScenarioKind kind) {
        HubClient target = hub;
        if (target == null) {
            explanation.set("Not connected to a hub: connect first, then pick a scenario.");
            return;
        }
        stop();
        running.set(kind);
        explanation.set(kind.explanation());
        report.set(LabReport.starting("Starting…"));
        LabContext context = new LabContext(target, (text, detail) -> ui.execute(() -> log.accept(text, detail)),
                key -> ui.execute(() -> roomGone.accept(key)), () -> selectedRoom, inputs)
                .viewer(endpoint -> ui.execute(() -> show.accept(endpoint)), () -> ui.execute(settingsChanged));
        worker.execute(() -> {
            Scenario scenario = kind.create(context);
            current = scenario;
            ui.execute(() -> log.accept("Lab: " + kind.title() + " started", kind.explanation()));
            scenario.start();
        });
        refresher = worker.scheduleAtFixedRate(this::refresh, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops the running scenario, if any: its clients close, its settings are undone, its rooms deleted. */
    public void stop() {
        if (refresher != null) {
            refresher.cancel(false);
            refresher = null;
        }
        running.set(null);
        worker.execute(() -> {
            Scenario scenario = current;
            current = null;
            if (scenario != null) {
                scenario.close();
            }
        });
    }

    /** The room the inspector looks at: the one picked in the architecture view. UI thread. */
    public void pickRoom(String roomKey) {
        this.selectedRoom = roomKey;
    }

    /** Session ids of the inspected room, for the disconnect picker. */
    public javafx.collections.ObservableList<String> inspectedSessions() {
        return sessions;
    }

    /** Inspector: hibernate the picked room now. */
    public void hibernateInspected() {
        inspector(InspectorScenario::hibernate);
    }

    /** Inspector: close {@code sessionId} of the picked room from the hub side. */
    public void disconnectInspected(String sessionId) {
        if (sessionId != null) {
            inspector(i -> i.disconnect(sessionId));
        }
    }

    /** Inspector: delete the picked room with its storage (its clients are closed with 1001). */
    public void deleteInspected() {
        inspector(InspectorScenario::delete);
    }

    /** Failover: the members the user can stop or kill (node ids), once the cluster is up. */
    public javafx.collections.ObservableList<String> members() {
        return members;
    }

    /** Failover: stops member {@code node} gracefully ({@code kill} false) or with kill -9; returns at once. */
    public void stopMember(String node, boolean kill) {
        if (node != null) {
            worker.execute(() -> {
                if (current instanceof org.roomhub.client.lab.FailoverScenario failover) {
                    failover.stopMember(node, kill);
                }
            });
        }
    }

    /** Failover: starts member {@code node} again; returns at once. */
    public void restartMember(String node) {
        if (node != null) {
            worker.execute(() -> {
                if (current instanceof org.roomhub.client.lab.FailoverScenario failover) {
                    failover.restartMember(node);
                }
            });
        }
    }

    private void inspector(java.util.function.Consumer<InspectorScenario> action) {
        worker.execute(() -> {
            if (current instanceof InspectorScenario inspector) {
                action.accept(inspector);
            }
        });
    }

    /** Waits until the stop (or start) asked so far has been done; for the render job and tests. Not on the UI thread. */
    public void awaitIdle(long timeoutMillis) throws Exception {
        worker.submit(() -> { }).get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        Scenario scenario = current;
        if (scenario != null) {
            LabReport latest = scenario.report();
            List<String> ids = scenario instanceof InspectorScenario inspector ? inspector.sessionIds() : List.of();
            List<String> nodes = scenario instanceof org.roomhub.client.lab.FailoverScenario failover ? failover.memberIds() : List.of();
            ui.execute(() -> {
                if (running.get() == scenario.kind()) {
                    report.set(latest);
                    if (!sessions.equals(ids)) {
                        sessions.setAll(ids);
                    }
                    if (!members.equals(nodes)) {
                        members.setAll(nodes);
                    }
                }
            });
        }
    }

    private void readInputs() {
        try {
            inputs.users(Integer.parseInt(usersText.get().strip().replace(",", "")));
            inputs.ratePerHour(Double.parseDouble(rateText.get().strip()));
            inputProblem.set("");
        } catch (NumberFormatException e) {
            inputProblem.set("Users must be a whole number and the rate a number, e.g. 1000 and 0.01.");
        } catch (IllegalArgumentException e) {
            inputProblem.set("Not applied: " + e.getMessage() + ".");
        }
    }

    /** The scenario running now, or null. */
    public ReadOnlyObjectProperty<ScenarioKind> runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The latest figures of the running scenario. */
    public ReadOnlyObjectProperty<LabReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** What the running scenario does, in two or three sentences. */
    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    /** Users in the cost example, as typed. */
    public StringProperty usersTextProperty() {
        return usersText;
    }

    /** Price of one awake room-hour, as typed. */
    public StringProperty rateTextProperty() {
        return rateText;
    }

    /** What is wrong with the typed cost inputs, or empty. */
    public ReadOnlyStringProperty inputProblemProperty() {
        return inputProblem.getReadOnlyProperty();
    }
}
