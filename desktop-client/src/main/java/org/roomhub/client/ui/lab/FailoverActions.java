package org.roomhub.client.ui.lab;

import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;

/** The failover scenario's controls: pick a member, stop it (SIGTERM), kill it (-9), or start it again. */
final class FailoverActions {

    private FailoverActions() {}

    static FlowPane of(LabViewModel viewModel) {
        ComboBox<String> member = new ComboBox<>(viewModel.members());
        member.setId("lab-failover-member");
        member.setPromptText("member");
        member.setTooltip(new Tooltip("The cluster member the buttons act on"));
        Button stop = new Button("Stop");
        stop.setId("lab-failover-stop");
        stop.setTooltip(new Tooltip("SIGTERM: the member announces it is leaving, then its process ends"));
        stop.setOnAction(e -> viewModel.stopMember(member.getValue(), false));
        Button kill = new Button("Kill -9");
        kill.setId("lab-failover-kill");
        kill.setTooltip(new Tooltip("SIGKILL: the process dies at once, as in a crash or power loss"));
        kill.setOnAction(e -> viewModel.stopMember(member.getValue(), true));
        Button start = new Button("Start again");
        start.setId("lab-failover-start");
        start.setTooltip(new Tooltip("Starts the member again on its ports and data; it rejoins the cluster"));
        start.setOnAction(e -> viewModel.restartMember(member.getValue()));
        FlowPane box = new FlowPane(6, 6, member, stop, kill, start);
        box.setVisible(false);
        box.setManaged(false);
        return box;
    }
}
