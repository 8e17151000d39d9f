package org.roomhub.client.bench;

/** JavaFX on Monocle's headless platform with the software pipeline, as the UI tests run it. */
final class BenchFx {

    private BenchFx() {}

    static void headless() {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
    }
}
