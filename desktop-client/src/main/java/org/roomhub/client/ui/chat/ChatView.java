package org.roomhub.client.ui.chat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.roomhub.client.ui.common.NameColors;
import org.roomhub.protocol.value.Presence;
import org.roomhub.client.ui.common.FieldTooltip;

/** Message list, composer, and the people present (click one to write to them privately). */
public final class ChatView extends BorderPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** The view of {@code viewModel}. */
    public ChatView(ChatViewModel viewModel) {
        getStyleClass().add("chat-view");
        ListView<ChatLine> messages = new ListView<>(viewModel.lines());
        messages.setId("chat-messages");
        messages.setCellFactory(list -> new LineCell());
        messages.setPlaceholder(new Label("No messages yet"));
        messages.setTooltip(new Tooltip("The room's messages, newest at the bottom; purple lines are private, grey ones say who came and went"));
        viewModel.lines().addListener((ListChangeListener<ChatLine>) c -> messages.scrollTo(viewModel.lines().size() - 1));

        TextField draft = new TextField();
        draft.setId("chat-draft");
        draft.textProperty().bindBidirectional(viewModel.draftProperty());
        draft.setOnAction(e -> viewModel.send());
        draft.promptTextProperty().bind(Bindings.createStringBinding(() -> viewModel.directToProperty().get() == null
                ? "Message the room" : "Private message to " + viewModel.directToProperty().get().user(), viewModel.directToProperty()));
        HBox.setHgrow(draft, Priority.ALWAYS);
        FieldTooltip.install(draft, "Type a message; Enter sends it to everyone in the room (or privately, after picking a person)");
        Button send = new Button("Send");
        send.setId("chat-send");
        send.setOnAction(e -> viewModel.send());
        send.setTooltip(new Tooltip("Send the message (Enter)"));
        send.setMinWidth(Region.USE_PREF_SIZE);
        Button toRoom = new Button("× private");
        toRoom.setId("chat-clear-direct");
        toRoom.visibleProperty().bind(viewModel.directToProperty().isNotNull());
        toRoom.managedProperty().bind(toRoom.visibleProperty());
        toRoom.setOnAction(e -> viewModel.directToProperty().set(null));
        toRoom.setTooltip(new Tooltip("Stop messaging privately; write to the whole room again"));
        toRoom.setMinWidth(Region.USE_PREF_SIZE);
        HBox composer = new HBox(6, toRoom, draft, send);
        composer.setAlignment(Pos.CENTER_LEFT);
        composer.setPadding(new Insets(8, 0, 0, 0));

        VBox center = new VBox(messages, composer);
        VBox.setVgrow(messages, Priority.ALWAYS);
        center.setPadding(new Insets(10));
        setCenter(center);
        setRight(sidebar(viewModel));
    }

    private VBox sidebar(ChatViewModel viewModel) {
        Label title = new Label("People here");
        title.getStyleClass().add("section-title");
        ListView<Presence> people = new ListView<>(viewModel.people());
        people.setId("chat-people");
        people.setCellFactory(list -> new PersonCell());
        people.setTooltip(new Tooltip("Everyone connected to this room now; click a person to message them privately"));
        people.setOnMouseClicked(e -> {
            Presence picked = people.getSelectionModel().getSelectedItem();
            if (picked != null && !picked.sessionId().equals(viewModel.sessionId())) {
                viewModel.directToProperty().set(picked);
            }
        });
        Label hint = new Label("Click a person to message them privately.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);

        // One name for the whole app, set in the connection bar; here it is only shown.
        Label nameTitle = new Label("You");
        nameTitle.getStyleClass().add("section-title");
        Label name = new Label();
        name.setId("chat-me");
        name.textProperty().bind(viewModel.meProperty().map(me -> me.isEmpty() ? "not connected" : me));
        Label nameHint = new Label("Change your name in the connection bar (Name, then Enter).");
        nameHint.getStyleClass().add("muted");
        nameHint.setWrapText(true);
        VBox box = new VBox(8, nameTitle, name, nameHint, title, people, hint);
        VBox.setVgrow(people, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        box.setPrefWidth(260);
        box.getStyleClass().add("sidebar");
        return box;
    }

    /** Time, coloured user and text; system lines in grey italics; direct lines in purple. */
    private static final class LineCell extends ListCell<ChatLine> {
        @Override
        protected void updateItem(ChatLine line, boolean empty) {
            super.updateItem(line, empty);
            if (empty || line == null) {
                setGraphic(null);
                return;
            }
            Text time = new Text(TIME.format(Instant.ofEpochMilli(line.ts())) + "  ");
            time.getStyleClass().add("chat-time");
            TextFlow flow = new TextFlow(time);
            switch (line.kind()) {
                case SYSTEM -> flow.getChildren().add(styled("— " + line.text(), "chat-system"));
                case MESSAGE -> {
                    Text user = styled(line.user() + ": ", "chat-user");
                    user.setStyle("-fx-fill: " + NameColors.forName(line.user()) + ";");
                    flow.getChildren().addAll(user, new Text(line.text()));
                }
                case DIRECT_IN -> flow.getChildren().addAll(styled("✉ from " + line.user() + ": ", "chat-direct"), new Text(line.text()));
                case DIRECT_OUT -> flow.getChildren().addAll(styled("✉ to " + line.user() + ": ", "chat-direct"), new Text(line.text()));
            }
            flow.setPrefWidth(0); // wrap to the cell width
            flow.prefWidthProperty().bind(getListView().widthProperty().subtract(30));
            setGraphic(flow);
        }

        private static Text styled(String text, String style) {
            Text t = new Text(text);
            t.getStyleClass().add(style);
            return t;
        }
    }

    /** A coloured dot and the person's name. */
    private static final class PersonCell extends ListCell<Presence> {
        @Override
        protected void updateItem(Presence person, boolean empty) {
            super.updateItem(person, empty);
            if (empty || person == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label dot = new Label("●");
            dot.setStyle("-fx-text-fill: " + NameColors.forName(person.user()) + ";");
            setGraphic(dot);
            setText(person.user());
        }
    }
}
