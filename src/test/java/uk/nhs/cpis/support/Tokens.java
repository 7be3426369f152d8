package uk.nhs.cpis.support;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Mints test tokens with the development key (and, for the 401 cases, defective ones). */
public final class Tokens {
    public static final String ISSUER = "https://cpis.local/dev";
    public static final String LA = "LA330";
    public static final String OTHER_LA = "LA602";
    public static final String HOSPITAL = "RX101";

    // A random start per run, so reruns against a kept PostgreSQL database do not collide.
    private static final AtomicLong NEXT_USER = new AtomicLong(
            100_000_000_000L + ThreadLocalRandom.current().nextLong(800_000_000_000L));

    private Tokens() {
    }

    public static String token(String role, String org, String userId) {
        return claims(role, org, userId).sign();
    }

    public static String laUpload() {
        return token("la-upload", LA, "LA330-SYSTEM");
    }

    public static String laUpload(String laCode) {
        return token("la-upload", laCode, laCode + "-SYSTEM");
    }

    public static String admin() {
        return token("cpis-admin", "CPIS01", "ADMIN01");
    }

    public static String clinician(String userId) {
        return token("cpis-view", HOSPITAL, userId);
    }

    public static String noAsn(String userId) {
        return token("cpis-view-no-asn", HOSPITAL, userId);
    }

    public static String privacyOfficer(String org, String userId) {
        return token("privacy-officer", org, userId);
    }

    /** A user id no other test uses, shaped like an SDS user id (12 digits). */
    public static String newUserId() {
        return String.format("%012d", NEXT_USER.getAndIncrement());
    }

    public static String expired(String role, String org) {
        Instant past = Instant.now().minusSeconds(7200);
        return claims(role, org, "555000000001").issuedAt(past).expiresAt(past.plusSeconds(60)).sign();
    }

    public static String wrongIssuer(String role, String org) {
        return claims(role, org, "555000000001").issuer("https://attacker.example/").sign();
    }

    public static String signedByAnotherKey(String role, String org) {
        return claims(role, org, "555000000001").sign(otherKey());
    }

    public static JwtClaimsBuilder claims(String role, String org, String userId) {
        return Jwt.issuer(ISSUER).subject(userId).upn(userId).groups(Set.of(role))
                .claim("name", "Test User " + userId).claim("job_role", "ED Consultant")
                .claim("org", org).claim("org_name", org + " Organisation")
                .expiresIn(3600);
    }

    private static PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
