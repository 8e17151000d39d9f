package org.roomhub.hub.cluster;

import java.util.stream.Collectors;

/**
 * The JGroups protocol stack a member runs: Infinispan's {@code default-jgroups-tcp.xml} with static
 * discovery (TCPPING over the listed members) instead of multicast, an exact port, and failure
 * detection tuned for a LAN: a killed process closes its FD_SOCK2 socket and is suspected at once;
 * a hung one misses FD_ALL3 heartbeats for {@value #HEARTBEAT_TIMEOUT_MS} ms.
 */
final class JGroupsStack {

    /** FD_SOCK2 listens on the transport port plus this offset. */
    static final int FAILURE_DETECTION_PORT_OFFSET = 100;
    static final int HEARTBEAT_TIMEOUT_MS = 6000;

    private JGroupsStack() {}

    /** The stack as JGroups XML for {@code JGroupsTransport.CONFIGURATION_STRING}. */
    static String xml(ClusterSettings settings) {
        String hosts = settings.members().stream()
                .map(m -> m.host() + "[" + m.port() + "]")
                .collect(Collectors.joining(","));
        return """
                <config xmlns="urn:org:jgroups">
                  <TCP bind_addr="%s" bind_port="%d" port_range="0" diag.enabled="false"
                       send_buf_size="640k" sock_conn_timeout="300ms" tcp_nodelay="true"
                       bundler_type="transfer-queue" thread_naming_pattern="pl"
                       thread_pool.min_threads="0" thread_pool.max_threads="200" thread_pool.keep_alive_time="1m"/>
                  <RED/>
                  <TCPPING initial_hosts="%s" port_range="0" send_cache_on_join="true"/>
                  <MERGE3 min_interval="2s" max_interval="5s"/>
                  <FD_SOCK2 bind_addr="%s" offset="%d" port_range="0"/>
                  <FD_ALL3 timeout="%dms" interval="1500ms"/>
                  <VERIFY_SUSPECT2 timeout="1s"/>
                  <pbcast.NAKACK2 use_mcast_xmit="false" xmit_interval="200ms"/>
                  <UNICAST3 conn_close_timeout="5s" xmit_interval="200ms"/>
                  <pbcast.STABLE desired_avg_gossip="5s" max_bytes="1M"/>
                  <pbcast.GMS print_local_addr="false" join_timeout="1s"/>
                  <UFC max_credits="4m" min_threshold="0.40"/>
                  <MFC max_credits="4m" min_threshold="0.40"/>
                  <FRAG4 frag_size="60k"/>
                </config>
                """.formatted(settings.bind().host(), settings.bind().port(), hosts,
                settings.bind().host(), FAILURE_DETECTION_PORT_OFFSET, HEARTBEAT_TIMEOUT_MS);
    }
}
