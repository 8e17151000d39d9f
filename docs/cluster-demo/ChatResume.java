import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat client for the cluster demo, JDK only: {@code java ChatResume.java ROOM NAME URL1,URL2,…}.
 * Joins {@code /rooms/chat/ROOM} on the first hub that answers, says "NAME n" every 2 s, prints every
 * broadcast as "seq type text", and when its socket closes (e.g. its hub was killed) joins the next hub
 * with {@code ?since=} the last seq it saw, as PROTOCOL's Cluster section says clients do. A seq gap
 * or a repeated seq is printed as such.
 */
public class ChatResume {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern TYPE = Pattern.compile("\"type\":\"([a-z-]+)\"");
    private static final Pattern TEXT = Pattern.compile("\"text\":\"([^\"]*)\"");
    private static final AtomicLong lastSeq = new AtomicLong(-1);
    private static volatile WebSocket socket;

    public static void main(String[] args) throws Exception {
        String room = args[0];
        String name = args[1];
        List<String> hubs = List.of(args[2].split(","));
        HttpClient http = HttpClient.newHttpClient();
        connect(http, hubs, 0, room, name);
        for (int n = 1; ; n++) {
            Thread.sleep(2000);
            WebSocket s = socket;
            if (s != null) {
                s.sendText("{\"type\":\"chat-message\",\"text\":\"" + name + " " + n + "\"}", true);
            }
        }
    }

    private static void connect(HttpClient http, List<String> hubs, int start, String room, String name) {
        for (int i = 0; i < hubs.size() * 20; i++) {
            String base = hubs.get((start + i) % hubs.size()).replaceFirst("^http", "ws");
            long since = lastSeq.get();
            String uri = base + "/rooms/chat/" + room + "?name=" + name + (since >= 0 ? "&since=" + since : "");
            try {
                int at = (start + i) % hubs.size();
                socket = http.newWebSocketBuilder().buildAsync(URI.create(uri), new Listener(http, hubs, at, room, name)).join();
                System.out.println("joined " + uri);
                return;
            } catch (RuntimeException e) {
                System.out.println("cannot join " + uri + ": " + e.getCause());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private record Listener(HttpClient http, List<String> hubs, int at, String room, String name) implements WebSocket.Listener {
        private static final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                print(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            System.out.println("closed " + code + " " + reason + " after seq " + lastSeq.get());
            CompletableFuture.runAsync(() -> connect(http, hubs, at + 1, room, name));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            System.out.println("socket failed (" + error + ") after seq " + lastSeq.get());
            CompletableFuture.runAsync(() -> connect(http, hubs, at + 1, room, name));
        }
    }

    private static void print(String frame) {
        Matcher type = TYPE.matcher(frame);
        String t = type.find() ? type.group(1) : "?";
        Matcher seq = SEQ.matcher(frame);
        if (t.equals("connected")) {
            System.out.println("connected, room seq " + (seq.find() ? seq.group(1) : "?"));
            return;
        }
        if (t.equals("reset") || t.equals("error")) {
            System.out.println(frame);
        }
        if (t.equals("history") || !seq.find()) {
            return; // not a broadcast (welcome frames, pong, error …); history's messages are older frames
        }
        long s = Long.parseLong(seq.group(1));
        long before = lastSeq.getAndAccumulate(s, Math::max);
        Matcher text = TEXT.matcher(frame);
        String note = before >= 0 && s > before + 1 ? "   <-- GAP after " + before : s <= before ? "   <-- REPEATED" : "";
        System.out.println(s + " " + t + " " + (text.find() ? text.group(1) : "") + note);
    }
}
