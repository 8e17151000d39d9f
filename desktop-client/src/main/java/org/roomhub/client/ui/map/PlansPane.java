package org.roomhub.client.ui.map;

import java.io.File;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.roomhub.client.ui.common.FieldTooltip;

/**
 * Plans beside the map: the room's named snapshots (save the current map under a name, restore
 * or delete one) and files (export to GPX or GeoJSON, import one).
 */
final class PlansPane extends VBox {

    PlansPane(MapPlansViewModel plans) {
        super(6);
        ListView<String> names = new ListView<>(plans.snapshots());
        names.setId("map-plans");
        names.setPrefHeight(90);
        names.setTooltip(new Tooltip("Plans saved in this room (pins and route), kept by the hub"));
        names.setPlaceholder(MapLabels.muted("No saved plans yet."));

        TextField name = new TextField();
        name.setId("map-plan-name");
        name.setPromptText("Plan name");
        FieldTooltip.install(name, "A name for the current pins and route; Enter saves");
        Button save = new Button("Save");
        save.setId("map-plan-save");
        save.setTooltip(new Tooltip("Save the current pins and route under this name"));
        save.setOnAction(e -> {
            plans.save(name.getText());
            name.clear();
        });
        name.setOnAction(e -> save.fire());
        HBox.setHgrow(name, Priority.ALWAYS);

        Button restore = new Button("Restore");
        restore.setId("map-plan-restore");
        restore.setTooltip(new Tooltip("Bring back the selected plan's pins and route (for everyone in the room)"));
        restore.setOnAction(e -> plans.restore(names.getSelectionModel().getSelectedItem()));
        Button delete = new Button("Delete");
        delete.setId("map-plan-delete");
        delete.setTooltip(new Tooltip("Forget the selected plan"));
        delete.setOnAction(e -> plans.delete(names.getSelectionModel().getSelectedItem()));
        restore.disableProperty().bind(names.getSelectionModel().selectedItemProperty().isNull());
        delete.disableProperty().bind(names.getSelectionModel().selectedItemProperty().isNull());

        Button gpx = new Button("Export GPX");
        gpx.setId("map-export-gpx");
        gpx.setTooltip(new Tooltip("Save the pins and route as a GPX 1.1 file"));
        gpx.setOnAction(e -> exportAs(plans, MapFileFormat.GPX));
        Button geojson = new Button("GeoJSON");
        geojson.setId("map-export-geojson");
        geojson.setTooltip(new Tooltip("Save the pins and route as a GeoJSON file"));
        geojson.setOnAction(e -> exportAs(plans, MapFileFormat.GEOJSON));
        Button importFile = new Button("Import…");
        importFile.setId("map-import");
        importFile.setTooltip(new Tooltip("Add pins and a route from a GPX or GeoJSON file"));
        importFile.setOnAction(e -> {
            FileChooser chooser = chooser("Import pins and route");
            for (MapFileFormat f : MapFileFormat.values()) {
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.label(), f.patterns()));
            }
            File file = chooser.showOpenDialog(window());
            if (file != null) {
                plans.importFrom(file.toPath());
            }
        });

        Label message = MapLabels.muted("");
        message.setId("map-plan-message");
        message.textProperty().bind(plans.messageProperty());

        getChildren().addAll(names, new HBox(6, name, save), new HBox(6, restore, delete),
                new HBox(6, gpx, geojson, importFile), message);
    }

    private void exportAs(MapPlansViewModel plans, MapFileFormat format) {
        FileChooser chooser = chooser("Export as " + format.label());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.label(), format.patterns()));
        chooser.setInitialFileName("map-plan" + format.patterns().get(0).substring(1));
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            plans.exportTo(file.toPath(), format);
        }
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        return chooser;
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }
}
