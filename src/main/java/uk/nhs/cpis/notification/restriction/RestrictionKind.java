package uk.nhs.cpis.notification.restriction;

import java.util.Arrays;
import java.util.Optional;

/** The two kinds of restriction in seed 000, by who may still see the child's notifications. */
public enum RestrictionKind {
    /** "Universal restriction to everyone except named individuals": only the named users see them. */
    ONLY_NAMED_USERS("only-named-users"),
    /** "Restriction of the record for named people": everyone sees them except the named users. */
    ALL_EXCEPT_NAMED_USERS("all-except-named-users");

    private final String code;

    RestrictionKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<RestrictionKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
