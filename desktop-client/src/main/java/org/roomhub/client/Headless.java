package org.roomhub.client;

/** Switches JavaFX to Monocle's headless platform; must run before the toolkit starts. */
final class Headless {

    private Headless() {}

    static void configure() {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
    }
}
