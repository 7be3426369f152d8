package uk.nhs.cpis.security;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;

/** Who is calling, from the verified token: user, role and the one organisation they act for. */
@RequestScoped
public class Caller {
    @Inject
    JsonWebToken token;

    public String userId() {
        return token.getSubject();
    }

    public String name() {
        return claim("name");
    }

    public String jobRole() {
        return claim("job_role");
    }

    public String orgCode() {
        String org = claim("org");
        if (org == null || org.isBlank()) {
            throw new CpisException(ErrorCode.FORBIDDEN, "The token names no organisation (claim 'org').");
        }
        return org;
    }

    public String orgName() {
        return claim("org_name");
    }

    /**
     * The LA teams the user belongs to (claim {@code teams}, a list of names; a single name is taken as a
     * list of one), matched by LA restrictions naming {@code team:<name>}.
     */
    public List<String> teams() {
        Object value = token.getClaim("teams");
        if (value == null) {
            return List.of();
        }
        Collection<?> names = value instanceof Collection<?> list ? list : List.of(value);
        return names.stream().map(Caller::text).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }

    private static String text(Object value) {
        return value instanceof JsonString json ? json.getString() : value.toString();
    }

    public boolean hasRole(String role) {
        return token.getGroups() != null && token.getGroups().contains(role);
    }

    /**
     * Whether this caller's views are B0107 (cpis-view), recorded as access events for previous views
     * and ASNs, rather than B0170 (cpis-view-no-asn). A token with both records: a view is never lost.
     */
    public boolean recordsViews() {
        return hasRole(Roles.CPIS_VIEW);
    }

    /** The clinical role a view is made with, as the security audit names it. */
    public String viewRole() {
        return recordsViews() ? Roles.CPIS_VIEW : Roles.CPIS_VIEW_NO_ASN;
    }

    private String claim(String name) {
        Object value = token.getClaim(name);
        return value == null ? null : value.toString();
    }
}
