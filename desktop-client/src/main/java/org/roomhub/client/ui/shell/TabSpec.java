package org.roomhub.client.ui.shell;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

/**
 * One tab of the shell.
 *
 * @param title   tab text
 * @param content the tab's view
 * @param badge   text of a badge next to the title (e.g. unread count), empty for none; may be null
 */
public record TabSpec(String title, Node content, ObservableValue<String> badge) {}
