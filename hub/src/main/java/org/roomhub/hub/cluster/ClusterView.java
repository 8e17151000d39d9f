package org.roomhub.hub.cluster;

import java.util.List;

/**
 * {@code GET /api/cluster}: this member's id and every member it knows of.
 *
 * @param self this member's id
 * @param members members in the view ({@code up} or {@code leaving}) and members that were seen and
 *     are gone without leaving ({@code down}), by id
 */
public record ClusterView(String self, List<Member> members) {

    /**
     * One member.
     *
     * @param id its node id
     * @param url the HTTP(S) URL its clients use; null while it has not published it yet
     * @param state {@code up}, {@code leaving} or {@code down}
     * @param rooms rooms the cluster knows (ever activated) that placement puts on this member
     */
    public record Member(String id, String url, String state, int rooms) {}
}
