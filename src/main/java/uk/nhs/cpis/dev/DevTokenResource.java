package uk.nhs.cpis.dev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.profile.IfBuildProfile;
import uk.nhs.cpis.fhir.CpisException;
import uk.nhs.cpis.fhir.ErrorCode;

/**
 * Development only: the sign-in page's one button per role mints a token with the development key
 * ({@code dev-keys/private.pem}, as {@code dev/mint-token} does). The class is left out of every build
 * but dev mode ({@code @IfBuildProfile}), so a test or production server answers 404 here. It signs
 * with the JDK alone: the JWT build library stays test-only.
 */
@IfBuildProfile("dev")
@Path("/ui/dev/tokens")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class DevTokenResource {
    static final String ISSUER = "https://cpis.local/dev";
    static final java.nio.file.Path KEY = java.nio.file.Path.of("dev-keys", "private.pem");
    static final long VALID_SECONDS = 8 * 3600;

    /** A development user of each role, as the README's dev/mint-token examples. */
    public record DevUser(String role, String userId, String name, String jobRole, String org, String orgName) {
    }

    static final List<DevUser> USERS = List.of(
            new DevUser("cpis-view", "555000000001", "Dr Anna Jones", "ED Consultant", "RX101", "Northtown General Hospital"),
            new DevUser("cpis-view-no-asn", "555000000002", "Sam Patel", "Midwife", "RX101", "Northtown General Hospital"),
            new DevUser("la-social-worker", "LA330-SW01", "Chris Moore", "Social Worker", "LA330", "Northtown Council"),
            new DevUser("la-upload", "LA330-SYSTEM", "Northtown case system", "System", "LA330", "Northtown Council"),
            new DevUser("privacy-officer", "555000000003", "Pat Hughes", "Privacy Officer", "RX101",
                    "Northtown General Hospital"),
            new DevUser("la-privacy-officer", "LA330-PO01", "Alex Reed", "Head of Safeguarding", "LA330", "Northtown Council"),
            new DevUser("cpis-admin", "ADMIN01", "Jo Admin", "Service Manager", "CPIS01", "CP-IS Operations"));

    @Inject
    Clock clock;
    @Inject
    ObjectMapper json;

    @GET
    public List<Map<String, String>> roles() {
        return USERS.stream().map(u -> Map.of("role", u.role(), "name", u.name(), "orgName", u.orgName())).toList();
    }

    @POST
    @Path("{role}")
    public Map<String, String> mint(@PathParam("role") String role) throws IOException, GeneralSecurityException {
        DevUser user = USERS.stream().filter(u -> u.role().equals(role)).findFirst()
                .orElseThrow(() -> new CpisException(ErrorCode.NOT_FOUND, "No development user for role " + role + "."));
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", user.userId());
        claims.put("upn", user.userId());
        claims.put("name", user.name());
        claims.put("job_role", user.jobRole());
        claims.put("org", user.org());
        claims.put("org_name", user.orgName());
        claims.put("groups", List.of(user.role()));
        claims.put("iat", now);
        claims.put("exp", now + VALID_SECONDS);
        claims.put("jti", UUID.randomUUID().toString());
        return Map.of("access_token", sign(claims));
    }

    private String sign(Map<String, Object> claims) throws IOException, GeneralSecurityException {
        String signingInput = base64(Map.of("alg", "RS256", "typ", "JWT")) + "." + base64(claims);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    private String base64(Object value) throws JsonProcessingException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(value));
    }

    private static PrivateKey key() throws IOException, GeneralSecurityException {
        String pem = Files.readString(KEY).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
