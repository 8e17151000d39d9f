package org.roomhub.client.ui.common;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Pictures of the app: a snapshot taken on the FX thread, encoded and written elsewhere. */
public final class PngWriter {

    private PngWriter() {}

    /** Snapshots {@code node}; FX thread only. */
    public static WritableImage snapshot(Node node) {
        return node.snapshot(new SnapshotParameters(), null);
    }

    /** Encodes {@code image} as PNG into {@code file}; call off the FX thread. */
    public static void write(WritableImage image, Path file) throws IOException {
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(buffered, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }
}
