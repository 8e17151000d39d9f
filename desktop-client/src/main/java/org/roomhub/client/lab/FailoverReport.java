package org.roomhub.client.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.roomhub.client.net.HubClient;
import org.roomhub.protocol.value.RoomAddress;

/**
 * The failover scenario's figures, read from what its clients measured: per room its host, whether frames
 * crossed members, and after each member failure how long until a message sent after it was acknowledged
 * on a surviving member, or that it was not within 30 s; plus the moved clients' resumes.
 */
final class FailoverReport {

    private final FailoverScenario s;

    FailoverReport(FailoverScenario scenario) {
        this.s = scenario;
    }

    LabReport build() {
        List<LabReport.Row> rows = new ArrayList<>();
        FailoverScenario.Failure last = s.failures().isEmpty() ? null : s.failures().get(s.failures().size() - 1);
        boolean allDecided = last != null;
        boolean crossed = false;
        for (RoomAddress room : s.rooms()) {
            String key = HubClient.key(room);
            List<ChattingClient> here = s.roomOf().entrySet().stream().filter(e -> e.getValue().equals(room)).map(Map.Entry::getKey).toList();
            boolean across = here.stream().anyMatch(c -> c.crossed() > 0);
            crossed |= across;
            StringBuilder cell = new StringBuilder();
            String host = s.hosts().get(key);
            cell.append("host ").append(host == null ? "not reported" : host).append(host != null && !s.running(host) ? " (down)" : "");
            FailoverScenario.Move move = s.moves().get(key);
            if (move != null) {
                cell.append(" · moved ").append(move.from()).append(" → ").append(move.to());
                if (last != null && move.at() > last.at()) {
                    cell.append(' ').append(seconds(TimeUnit.NANOSECONDS.toMillis(move.at() - last.at()))).append(" after");
                }
            }
            if (last != null) {
                long back = here.stream().filter(c -> !s.memberOf().get(c).equals(last.member()))
                        .mapToLong(c -> c.firstAckSentAfter(last.at())).filter(t -> t >= 0).min().orElse(-1);
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - last.at());
                if (back >= 0) {
                    cell.append(" · writable again after ").append(seconds(TimeUnit.NANOSECONDS.toMillis(back - last.at())));
                } else if (waited > s.giveUpMillis()) {
                    cell.append(" · not writable after ").append(s.giveUpMillis() / 1000).append(" s");
                } else {
                    cell.append(" · waiting for a write to come back…");
                    allDecided = false;
                }
                if (host != null && !s.running(host) && waited <= s.giveUpMillis()) {
                    allDecided = false; // the picture waits for the room's new host too
                }
            }
            cell.append(" · across members: ").append(across ? "yes" : "no");
            rows.add(new LabReport.Row(key, List.of(cell.toString()), "Host: the member running the room now (node on every running "
                    + "member's /api/rooms rows, read every 2 s); moved: its host changed, seen that long after the failure. Writable again: the first acknowledgement, on a surviving member, of a message sent after the failure. "
                    + "Across members: a client here received a message sent through another member."));
        }
        for (FailoverScenario.Failure f : s.failures()) {
            String resumes = s.memberOf().keySet().stream().map(ChattingClient::resumeOutcome).filter(o -> !o.isEmpty()).distinct()
                    .limit(2).reduce((a, b) -> a + "; " + b).orElse("–");
            rows.add(new LabReport.Row("member " + f.member() + " " + f.how(), List.of(f.moved() + " clients moved to the others: " + resumes),
                    "The lab reconnects the dead member's clients to a survivor and sends resume with the last seq each received"));
        }
        int clients = s.memberOf().size();
        long acked = s.memberOf().keySet().stream().mapToLong(c -> c.acknowledged().size()).sum();
        rows.add(new LabReport.Row("clients / acknowledged", List.of(clients + " clients, " + acked + " messages acknowledged"),
                "A client of every room on every member; a message is acknowledged when the room broadcast it back to its sender"));
        String headline = s.failed() ? s.phase()
                : last == null ? s.phase()
                : "Member " + last.member() + " " + last.how() + (allDecided ? ": see each room below" : ": measuring…");
        List<String> notes = new ArrayList<>();
        notes.add("Members run in child JVMs on loopback with temporary data, removed on Stop. The buttons under the table stop "
                + "(SIGTERM: it leaves the cluster) or kill -9 a member, or start it again.");
        if (clients > 0 && !crossed) {
            notes.add("No message crossed members: this hub build does not yet forward a room's frames between members, so each "
                    + "member runs its own copy of a room and 'writable again' only shows that the survivors kept serving their "
                    + "clients; rooms do not yet move with their data (docs/cluster.md, what is not done).");
        }
        boolean settled = s.failed() || (last != null && allDecided);
        return new LabReport(headline, List.of("", "measured"), rows, "", List.of(), notes, settled);
    }

    private static String seconds(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }
}
