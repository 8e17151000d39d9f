package org.roomhub.client.ui.map;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubRequestException;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * The map's plans: the room's named snapshots (save, restore, delete) and its files (export to
 * and import from GPX or GeoJSON). File and HTTP work runs off the UI thread; results and errors
 * come back as {@link #messageProperty()} on it.
 */
public final class MapPlansViewModel {

    private final Executor ui;
    private final Executor io;
    private final ObservableList<String> snapshots = FXCollections.observableArrayList();
    private final ObservableList<String> snapshotsReadOnly = FXCollections.unmodifiableObservableList(snapshots);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private HubClient hub;
    private RoomConnection connection;
    private RoomAddress room;
    private Supplier<String> me = () -> "";

    MapPlansViewModel(Executor ui, Executor io) {
        this.ui = ui;
        this.io = io;
    }

    void attach(HubClient hub, RoomConnection connection, RoomAddress room, Supplier<String> me) {
        this.hub = hub;
        this.connection = connection;
        this.room = room;
        this.me = me;
    }

    void detach() {
        hub = null;
        connection = null;
        snapshots.clear();
        message.set("");
    }

    /** Takes the room's snapshot list from a welcome or a broadcast; FX thread. */
    void handle(ServerFrame frame) {
        if (frame instanceof ServerFrame.SnapshotNames s) {
            snapshots.setAll(s.names());
        } else if (frame instanceof ServerFrame.SnapshotsChanged s) {
            snapshots.setAll(s.names());
        } else if (frame instanceof ServerFrame.Error e) {
            message.set(e.message());
        }
    }

    /** Saves the current pins and route as {@code name} (replacing a plan of that name). */
    public void save(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            message.set("Give the plan a name first.");
            return;
        }
        if (send(new ClientFrame.SaveSnapshot(n))) {
            message.set("Saved plan “" + n + "”.");
        }
    }

    /** Replaces everyone's pins and route with the plan {@code name}. */
    public void restore(String name) {
        if (name != null && send(new ClientFrame.RestoreSnapshot(name))) {
            message.set("Restored plan “" + name + "”.");
        }
    }

    /** Forgets the plan {@code name}. */
    public void delete(String name) {
        if (name != null && send(new ClientFrame.DeleteSnapshot(name))) {
            message.set("Deleted plan “" + name + "”.");
        }
    }

    /** Writes the room's pins and route to {@code file}; completes once written (or failed, with a message). */
    public CompletableFuture<Void> exportTo(Path file, MapFileFormat format) {
        if (hub == null) {
            message.set("Not connected.");
            return CompletableFuture.completedFuture(null);
        }
        message.set("Exporting " + format.label() + "…");
        return hub.mapFiles().export(room, format.wireName())
                .thenAcceptAsync(text -> write(file, text), io)
                .handleAsync((v, error) -> {
                    message.set(error == null ? "Exported to " + file.getFileName() + "." : "Export failed: " + reason(error));
                    return null;
                }, ui);
    }

    /** Adds the pins and route in {@code file} to the room; the format comes from its extension. */
    public CompletableFuture<Void> importFrom(Path file) {
        if (hub == null) {
            message.set("Not connected.");
            return CompletableFuture.completedFuture(null);
        }
        MapFileFormat format = MapFileFormat.forFile(file.getFileName().toString()).orElse(MapFileFormat.GEOJSON);
        HubClient client = hub;
        RoomAddress target = room;
        String user = me.get();
        message.set("Importing " + file.getFileName() + "…");
        return CompletableFuture.supplyAsync(() -> read(file), io)
                .thenCompose(text -> client.mapFiles().importFile(target, format.wireName(), text, user))
                .handleAsync((answer, error) -> {
                    message.set(error == null ? "Imported " + file.getFileName() + "." : "Import refused: " + reason(error));
                    return null;
                }, ui);
    }

    private boolean send(ClientFrame frame) {
        if (connection == null) {
            message.set("Not connected.");
            return false;
        }
        return connection.send(frame);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new CompletionException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new CompletionException(e);
        }
    }

    private static String reason(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t instanceof HubRequestException h) {
            String text = h.getMessage();
            int colon = text.indexOf(": ");
            return colon >= 0 ? text.substring(colon + 2) : text;
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** The room's saved plans, by name. */
    public ObservableList<String> snapshots() {
        return snapshotsReadOnly;
    }

    /** The last thing that happened to a plan or file, for people. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
