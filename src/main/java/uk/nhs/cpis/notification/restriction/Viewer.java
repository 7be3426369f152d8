package uk.nhs.cpis.notification.restriction;

import java.util.List;

/**
 * Who is reading an LA's notifications: their LA, the names a restriction may list them by (their user
 * id), and how far restrictions apply to them.
 */
public record Viewer(String laCode, List<String> names, Access access) {

    public enum Access {
        /** LA systems: every notification, restricted or not. */
        EVERYTHING,
        /**
         * Seed 000's "required access" roles: every notification except a child whose restriction names
         * them to be kept out ("changed when the reason for restriction relates to one of these staff").
         */
        REQUIRED,
        /** Everyone else: as each restriction lets them. */
        ORDINARY
    }
}
