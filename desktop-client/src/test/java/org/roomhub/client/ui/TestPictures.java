package org.roomhub.client.ui;

import java.nio.file.Path;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.roomhub.client.ui.common.PngWriter;
import org.testfx.util.WaitForAsyncUtils;

/** Shows a view at 1280×800 with the app's style sheet and writes pictures of it under target/pictures. */
public final class TestPictures {

    private TestPictures() {}

    /** Puts {@code root} into {@code stage} the way the app does. */
    public static void show(Stage stage, Parent root) {
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(TestPictures.class.getResource("/org/roomhub/client/ui/shell/app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    /** Writes a PNG of {@code root}'s scene; returns its path. */
    public static Path write(Parent root, String name) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> PngWriter.snapshot(root.getScene().getRoot())).get();
        Path file = Path.of("target", "pictures", name + ".png");
        PngWriter.write(image, file);
        return file;
    }
}
