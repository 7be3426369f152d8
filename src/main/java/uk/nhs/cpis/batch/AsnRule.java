package uk.nhs.cpis.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ASN rule over access events taken in time order: an event whose patient had a displayable
 * plan makes ASNs unless the same key already made ASNs from an access less than 24 hours before.
 * The window is anchored on the last access that made ASNs, not on the last access, so a user
 * viewing every 23 hours still notifies once a day. Pure: the caller loads and stores the anchors.
 */
public final class AsnRule {
    public static final Duration WINDOW = Duration.ofHours(24);

    public enum Outcome {
        /** ASNs are made, one per LA with a displayable plan. */
        NOTIFY,
        /** A displayable plan existed, but the key made ASNs less than 24 hours earlier. */
        SUPPRESSED,
        /** No plan was displayable at the access time: nothing to notify, and the window is not moved. */
        NO_PLAN
    }

    private final Map<AnchorKey, Instant> anchors;
    private final Map<AnchorKey, Instant> moved = new LinkedHashMap<>();

    /** @param anchors the last ASN-making access per key, as stored before these events */
    public AsnRule(Map<AnchorKey, Instant> anchors) {
        this.anchors = new HashMap<>(anchors);
    }

    public Outcome apply(AnchorKey key, Instant accessedAt, boolean displayablePlan) {
        if (!displayablePlan) {
            return Outcome.NO_PLAN;
        }
        if (withinWindow(anchors.get(key), accessedAt)) {
            return Outcome.SUPPRESSED;
        }
        anchors.put(key, accessedAt);
        moved.put(key, accessedAt);
        return Outcome.NOTIFY;
    }

    /** The anchors these events moved, to be stored with the ASNs they made. */
    public Map<AnchorKey, Instant> movedAnchors() {
        return moved;
    }

    /** Less than 24 hours after the anchor (an access at exactly 24 hours notifies again). */
    static boolean withinWindow(Instant anchor, Instant accessedAt) {
        return anchor != null && accessedAt.isBefore(anchor.plus(WINDOW));
    }
}
