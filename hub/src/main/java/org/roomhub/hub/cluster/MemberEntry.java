package org.roomhub.hub.cluster;

/**
 * What a member publishes about itself in the replicated {@code roomhub-members} cache, as one string
 * {@code state|uuid|url} so the cache holds only types Infinispan marshals without a schema.
 *
 * @param state {@code up} or {@code leaving}
 * @param uuid the member's Infinispan address (node UUID), to map placement owners to node ids
 * @param url where its clients connect
 */
record MemberEntry(String state, String uuid, String url) {

    String encode() {
        return state + "|" + uuid + "|" + url;
    }

    static MemberEntry decode(String text) {
        String[] p = text.split("\\|", 3);
        if (p.length != 3) {
            throw new IllegalArgumentException("bad member entry: " + text);
        }
        return new MemberEntry(p[0], p[1], p[2]);
    }
}
