package uk.nhs.cpis.security;

import java.lang.reflect.Method;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;

/** The roles an endpoint allows, read from its {@code @RolesAllowed}, so a 403 can name them. */
public final class RequiredRoles {
    private RequiredRoles() {
    }

    /** The allowed roles of the matched resource method (or its class); empty when none is declared. */
    public static List<String> of(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return List.of();
        }
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return allowed == null ? List.of() : List.of(allowed.value());
    }

    /** The 403 diagnostics: the roles that would have been allowed, as the token's {@code groups} claim names them. */
    public static String diagnostics(List<String> roles) {
        if (roles.isEmpty()) {
            return "Your role does not allow this request.";
        }
        return "This request needs the role " + String.join(" or ", roles)
                + " (token claim groups); your token does not carry it.";
    }
}
