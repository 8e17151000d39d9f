package org.roomhub.client.ui.metrics;

import java.nio.IntBuffer;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * The plot area of a chart as an array of opaque pixels that this class rasterises itself: grid
 * lines, and series lines as anti-aliased bands. Issue 12: with the software pipeline, stroking the
 * series as canvas paths (Marlin, per scan line and sub-pixel row) was nearly all of the renderer's
 * time; drawing the same lines here costs microseconds, and the renderer only copies one image.
 * It also lets tests read exactly which pixels a series covers.
 */
final class PlotRaster {

    private int width;
    private int height;
    private int[] pixels = new int[0];
    private PixelBuffer<IntBuffer> buffer;
    private WritableImage image;

    /** Sizes the raster to {@code width × height} pixels and fills it with {@code background} (ARGB). */
    void reset(int width, int height, int background) {
        if (width != this.width || height != this.height) {
            this.width = width;
            this.height = height;
            pixels = new int[Math.max(0, width * height)];
            // The image shares the array in the renderer's own format (opaque, so ARGB = premultiplied ARGB): no copies.
            buffer = width > 0 && height > 0
                    ? new PixelBuffer<>(width, height, IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance()) : null;
            image = buffer == null ? null : new WritableImage(buffer);
        }
        java.util.Arrays.fill(pixels, background);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The ARGB value of one pixel. */
    int pixel(int x, int y) {
        return pixels[y * width + x];
    }

    /** The image the canvas draws, marked changed; null when the raster is empty. FX thread. */
    WritableImage publish() {
        if (buffer != null) {
            buffer.updateBuffer(b -> null);
        }
        return image;
    }

    /** A one-pixel horizontal line on row {@code y}. */
    void hline(int y, int argb) {
        if (y >= 0 && y < height) {
            java.util.Arrays.fill(pixels, y * width, (y + 1) * width, argb);
        }
    }

    /** A one-pixel vertical line on column {@code x}. */
    void vline(int x, int argb) {
        if (x >= 0 && x < width) {
            for (int y = 0; y < height; y++) {
                pixels[y * width + x] = argb;
            }
        }
    }

    /**
     * A line from {@code (x0, y0)} to {@code (x1, y1)} (pixel units, pixel centres at .5), {@code thickness}
     * pixels wide, blended over what is there by the share of each pixel it covers. It steps pixel by pixel
     * along its major axis from the start's pixel, which it skips unless {@code withStart}, to the end's: a
     * polyline's joints are covered once, by the segment that ends there, even where the line turns back.
     */
    void line(double x0, double y0, double x1, double y1, double thickness, Color color, boolean withStart) {
        int rgb = argb(color);
        if (Math.abs(x1 - x0) >= Math.abs(y1 - y0)) {
            band(x0, y0, x1, y1, thickness, rgb, withStart, false);
        } else {
            band(y0, x0, y1, x1, thickness, rgb, withStart, true);
        }
    }

    /** Steps along the major axis {@code a}; at each step covers a band of the minor axis {@code b}. */
    private void band(double a0, double b0, double a1, double b1, double thickness, int rgb, boolean withStart, boolean steep) {
        double slope = a1 == a0 ? 0 : (b1 - b0) / (a1 - a0);
        double half = thickness / 2 * Math.sqrt(1 + slope * slope);
        int majorSize = steep ? height : width;
        int minorSize = steep ? width : height;
        int start = (int) Math.floor(a0);
        int end = (int) Math.floor(a1);
        int dir = end >= start ? 1 : -1;
        double lowA = Math.min(a0, a1);
        double highA = Math.max(a0, a1);
        for (int a = withStart ? start : start + dir; dir > 0 ? a <= end : a >= end; a += dir) {
            if (a < 0 || a >= majorSize) {
                continue;
            }
            double centre = Math.min(Math.max(a + 0.5, lowA), highA);
            double b = b0 + slope * (centre - a0);
            double lo = b - half;
            double hi = b + half;
            int from = Math.max(0, (int) Math.floor(lo));
            int to = Math.min(minorSize - 1, (int) Math.floor(hi));
            for (int m = from; m <= to; m++) {
                double cover = Math.min(m + 1, hi) - Math.max(m, lo);
                if (cover > 0) {
                    blend(steep ? m : a, steep ? a : m, rgb, Math.min(1, cover));
                }
            }
        }
    }

    private void blend(int x, int y, int rgb, double cover) {
        int i = y * width + x;
        int d = pixels[i];
        int k = (int) (cover * 256 + 0.5);
        int r = mix((d >> 16) & 0xff, (rgb >> 16) & 0xff, k);
        int g = mix((d >> 8) & 0xff, (rgb >> 8) & 0xff, k);
        int bl = mix(d & 0xff, rgb & 0xff, k);
        pixels[i] = 0xff000000 | r << 16 | g << 8 | bl;
    }

    private static int mix(int dst, int src, int k) {
        return dst + (((src - dst) * k) >> 8);
    }

    /** Opaque ARGB of {@code color}. */
    static int argb(Color color) {
        return 0xff000000 | (int) Math.round(color.getRed() * 255) << 16 | (int) Math.round(color.getGreen() * 255) << 8
                | (int) Math.round(color.getBlue() * 255);
    }
}
