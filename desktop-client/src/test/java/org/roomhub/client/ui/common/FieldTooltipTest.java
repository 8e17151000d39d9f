package org.roomhub.client.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The map planner's pin form in miniature (issue #10): a note field with a tooltip, right above a Save button. */
@ExtendWith(ApplicationExtension.class)
class FieldTooltipTest {

    private final AtomicInteger saves = new AtomicInteger();
    private TextArea note;
    private Tooltip tip;

    @Start
    void start(Stage stage) {
        note = new TextArea();
        note.setId("note");
        note.setPrefRowCount(2);
        tip = FieldTooltip.install(note, "A note others see when hovering the pin");
        Button save = new Button("Save");
        save.setId("save");
        save.setOnAction(e -> saves.incrementAndGet());
        stage.setScene(new Scene(new VBox(6, note, save), 360, 160));
        stage.show();
        save.requestFocus(); // a new window focuses its first field, which would hold the tooltip back from the start
    }

    @Test
    void the_tooltip_shows_on_hover_but_not_while_typing_so_a_click_on_the_button_below_reaches_it(FxRobot robot) throws Exception {
        robot.moveTo("#note");
        await().atMost(Duration.ofSeconds(20)).until(this::tooltipOpen);

        robot.clickOn("#note");
        await().atMost(Duration.ofSeconds(10)).until(() -> !tooltipOpen());
        assertThat(WaitForAsyncUtils.asyncFx(() -> note.isFocused() && note.getTooltip() == null).get()).isTrue();

        robot.write("Tents by the lake");
        await().atMost(Duration.ofSeconds(10)).until(() -> WaitForAsyncUtils.asyncFx(() -> note.getText()).get().equals("Tents by the lake"));
        // Longer than the tooltip's delay, pointer resting on the field: it stays closed.
        await().during(Duration.ofMillis(Math.round(tip.getShowDelay().toMillis() * 2)))
                .atMost(Duration.ofSeconds(20)).until(() -> !tooltipOpen());

        robot.clickOn("#save");
        await().atMost(Duration.ofSeconds(10)).until(() -> saves.get() == 1);
        // The focus has left the field: hovering it explains it again.
        assertThat(WaitForAsyncUtils.asyncFx(() -> note.getTooltip()).get()).isSameAs(tip);
        assertThat(WaitForAsyncUtils.asyncFx(() -> FieldTooltip.of(note)).get()).isSameAs(tip);
    }

    private boolean tooltipOpen() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream().anyMatch(w -> w instanceof Tooltip && w.isShowing())).get();
    }
}
