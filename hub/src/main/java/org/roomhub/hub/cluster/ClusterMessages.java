package org.roomhub.hub.cluster;

import java.util.function.BiConsumer;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.fork.ForkChannel;
import org.jgroups.protocols.FRAG4;
import org.jgroups.stack.ProtocolStack;

/**
 * Member-to-member byte messages on a JGroups fork of the member's own channel (same sockets, same
 * failure detection, FIFO per sender), for frames travelling edge → host → edges. Infinispan's
 * {@code ClusterExecutor} would need protostream-marshallable functions; a fork carries plain bytes.
 * A message to a member that has not opened its fork yet is dropped by JGroups.
 */
final class ClusterMessages implements Receiver, AutoCloseable {

    private final ForkChannel fork;
    private final BiConsumer<org.jgroups.Address, byte[]> handler;

    ClusterMessages(JChannel main, BiConsumer<org.jgroups.Address, byte[]> handler) throws Exception {
        this.handler = handler;
        fork = new ForkChannel(main, "roomhub", "frames", true, ProtocolStack.Position.ABOVE, FRAG4.class);
        fork.setReceiver(this);
        fork.connect("roomhub-frames");
    }

    void send(org.jgroups.Address to, byte[] payload) throws Exception {
        fork.send(new BytesMessage(to, payload));
    }

    @Override
    public void receive(Message message) {
        handler.accept(message.getSrc(), message.getArray());
    }

    @Override
    public void close() {
        fork.close();
    }
}
