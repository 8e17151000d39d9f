package org.roomhub.client.bench;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import org.roomhub.client.AppUnderBench;

/**
 * A diagnostic, not a figure: the desktop app at rest on the metrics tab (as {@link DesktopAtRestBench} runs it) and, for
 * every scene pulse, what asked for it: the toolkit's running animation timers (by their enclosing class), its scene
 * pulse listeners, and the nodes marked dirty in that pulse (with their ancestors). Reads JavaFX internals by reflection,
 * so it may need adjusting on another JavaFX version. Args: warm-up seconds, measured seconds. Run with
 * {@code mvn -B -o -pl desktop-client -am -Pdesktop-bench test-compile -Dbench.main=org.roomhub.client.bench.PulseSources -Dbench.args="30 20"}.
 * It found WebKit's pulse timer behind every one of the 61 pulses a second at rest (issue 12; docs/performance.md).
 */
public final class PulseSources {
    static final Map<String, Integer> counts = new ConcurrentHashMap<>();
    static void add(String k) { counts.merge(k, 1, Integer::sum); }

    public static void main(String[] a) throws Exception {
        String[] args = String.join(" ", a).trim().split("\\s+"); // the bench profile passes -Dbench.args as one argument
        int warm = Integer.parseInt(args[0]), secs = Integer.parseInt(args[1]);
        BenchFx.headless();
        Path data = Files.createTempDirectory("probe");
        AppUnderBench app = AppUnderBench.start(data);
        Thread.sleep(warm * 1000L);
        Object tk = Class.forName("com.sun.javafx.tk.Toolkit").getMethod("getToolkit").invoke(null);
        Object timer = tk.getClass().getMethod("getPrimaryTimer").invoke(tk);
        Class<?> apt = Class.forName("com.sun.scenario.animation.AbstractPrimaryTimer");
        Field rec = f(apt, "receivers"), recN = f(apt, "receiversLength"), at = f(apt, "animationTimers"), atN = f(apt, "animationTimersLength");
        Field dirty = f(Scene.class, "dirtyNodes"), dirtyN = f(Scene.class, "dirtyNodesSize");
        Field sceneListeners = f(Class.forName("com.sun.javafx.tk.Toolkit"), "scenePulseListeners");
        Field cssFlag = f(Node.class, "cssFlag"), layoutFlag = f(javafx.scene.Parent.class, "layoutFlag");
        long[] pulses = {0};
        Platform.runLater(() -> {
            for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                Scene s = w.getScene();
                // Registered after the views' frame loops, so it sees what their frames left for the CSS and layout passes.
                s.addPreLayoutPulseListener(() -> {
                    try {
                        dirtyPasses(s.getRoot(), cssFlag, layoutFlag, false);
                    } catch (Exception e) { add("err " + e); }
                });
                s.addPostLayoutPulseListener(() -> {
                    try {
                        pulses[0]++;
                        Object[] r = (Object[]) rec.get(timer);
                        for (int i = 0; i < (int) recN.get(timer); i++) add("receiver " + r[i].getClass().getName());
                        Object[] t = (Object[]) at.get(timer);
                        for (int i = 0; i < (int) atN.get(timer); i++) add("animTimer " + t[i].getClass().getName() + " " + outer(t[i]));
                        Node[] d = (Node[]) dirty.get(s);
                        int n = (int) dirtyN.get(s);
                        if (n == 0) add("pulse with no dirty nodes");
                        for (int i = 0; i < n && d != null; i++) add("dirty " + path(d[i]));
                        Map<?, ?> l = (Map<?, ?>) sceneListeners.get(tk);
                        if (l != null) for (Object k : l.keySet()) add("sceneTkListener " + k.getClass().getName());
                    } catch (Exception e) { add("err " + e); }
                });
            }
        });
        Thread.sleep(secs * 1000L);
        System.out.println("pulses " + pulses[0] + " in " + secs + " s");
        counts.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(90)
                .forEach(e -> System.out.println(String.format("%6d %s", e.getValue(), e.getKey())));
        app.close();
        System.exit(0);
    }
    /** Counts the nodes the coming CSS pass will style ("css") and the parents the layout pass will lay out ("layout"). */
    static void dirtyPasses(Node n, Field cssFlag, Field layoutFlag, boolean hidden) throws Exception {
        boolean h = hidden || !n.isVisible();
        String tag = h ? " (hidden)" : "";
        if (!"CLEAN".equals(String.valueOf(cssFlag.get(n)))) add("css " + cssFlag.get(n) + tag + " " + path(n));
        if (n instanceof javafx.scene.Parent p) {
            if ("NEEDS_LAYOUT".equals(String.valueOf(layoutFlag.get(p)))) add("layout" + tag + " " + path(n));
            for (Node c : p.getChildrenUnmodifiable()) dirtyPasses(c, cssFlag, layoutFlag, h);
        }
    }
    static String outer(Object o) {
        StringBuilder b = new StringBuilder();
        for (Field x : o.getClass().getDeclaredFields()) {
            if (x.getName().startsWith("this$")) { try { x.setAccessible(true); Object v = x.get(o); b.append(" outer=").append(v == null ? null : v.getClass().getName()); } catch (Exception e) {} }
        }
        return b.toString();
    }
    static String path(Node n) {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        for (Node p = n; p != null && depth < 8; p = p.getParent(), depth++) {
            b.append(p.getClass().getSimpleName());
            if (p.getId() != null) b.append('#').append(p.getId());
            if (!p.getStyleClass().isEmpty()) b.append('.').append(String.join(".", p.getStyleClass()));
            if (p instanceof javafx.scene.control.Labeled lb) b.append("[").append(lb.getText()).append("]");
            if (p instanceof javafx.scene.text.Text tx) b.append("[").append(tx.getText().length() > 20 ? tx.getText().substring(0, 20) : tx.getText()).append("]");
            b.append(" < ");
        }
        return b.toString().replaceAll("\\[[0-9.,:% /a-zA-Z-]*[0-9][^\\]]*\\]", "[#]");
    }
    static Field f(Class<?> c, String n) throws Exception { Field x = c.getDeclaredField(n); x.setAccessible(true); return x; }
}
