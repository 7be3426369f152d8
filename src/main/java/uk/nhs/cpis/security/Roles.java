package uk.nhs.cpis.security;

/** The roles of spec section 1, carried in the token's {@code groups} claim. */
public final class Roles {
    public static final String LA_UPLOAD = "la-upload";
    public static final String LA_SOCIAL_WORKER = "la-social-worker";
    public static final String LA_PRIVACY_OFFICER = "la-privacy-officer";
    public static final String CPIS_VIEW = "cpis-view";
    public static final String CPIS_VIEW_NO_ASN = "cpis-view-no-asn";
    public static final String PRIVACY_OFFICER = "privacy-officer";
    public static final String CPIS_ADMIN = "cpis-admin";

    private Roles() {
    }
}
