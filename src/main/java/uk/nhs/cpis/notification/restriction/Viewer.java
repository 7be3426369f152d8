package uk.nhs.cpis.notification.restriction;

/**
 * Who is reading an LA's notifications. {@code unrestricted} viewers (LA systems and the
 * safeguarding role) see every child's notifications; others only those no restriction hides from them.
 */
public record Viewer(String laCode, String userId, boolean unrestricted) {
}
