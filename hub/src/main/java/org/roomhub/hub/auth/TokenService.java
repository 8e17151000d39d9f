package org.roomhub.hub.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Issues and verifies HS256 tokens. The secret lives in {@value #SECRET_FILE} in the data folder,
 * created on first use with permissions 600, so tokens outlive restarts.
 */
public final class TokenService {

    /** Name of the secret's file in the data folder. */
    public static final String SECRET_FILE = "token-secret";
    private static final String ISSUER = "roomhub";

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Clock clock;

    private TokenService(byte[] secret, Clock clock) {
        this.algorithm = Algorithm.HMAC256(secret);
        // Expiry is checked against the hub's clock, the one tokens are issued with.
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(ISSUER).acceptLeeway(5)).build(clock);
        this.clock = clock;
    }

    /** The service over the secret in {@code dataDir}, creating it if absent. */
    public static TokenService open(Path dataDir, Clock clock) {
        return new TokenService(secret(dataDir), clock);
    }

    private static byte[] secret(Path dataDir) {
        Path file = dataDir.resolve(SECRET_FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException raced) {
                    return read(file);
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardOpenOption.TRUNCATE_EXISTING);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token secret " + file.toAbsolutePath(), e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] secret = Base64.getDecoder().decode(text);
        if (secret.length < 32) {
            throw new IOException("token secret " + file + " is shorter than 256 bits");
        }
        return secret;
    }

    /** A signed token for {@code user} with {@code role}, covering {@code rooms}, valid for {@code ttl}. */
    public String issue(String user, Role role, List<RoomPattern> rooms, boolean mayRename, Duration ttl) {
        long now = clock.millis();
        return JWT.create().withIssuer(ISSUER).withSubject(user)
                .withClaim("role", role.wireName())
                .withClaim("rooms", rooms.stream().map(RoomPattern::toString).toList())
                .withClaim("rename", mayRename)
                .withIssuedAt(new java.util.Date(now))
                .withExpiresAt(new java.util.Date(now + ttl.toMillis()))
                .sign(algorithm);
    }

    /** The principal a token names, or empty when it is forged, expired or malformed. */
    public Optional<Principal> verify(String token) {
        try {
            DecodedJWT jwt = verifier.verify(token);
            Optional<Role> role = Role.parse(jwt.getClaim("role").asString());
            List<String> rooms = jwt.getClaim("rooms").asList(String.class);
            String user = jwt.getSubject();
            if (role.isEmpty() || rooms == null || user == null || user.isBlank()) {
                return Optional.empty();
            }
            Boolean rename = jwt.getClaim("rename").asBoolean();
            return Optional.of(new Principal(user, role.get(), rooms.stream().map(RoomPattern::parse).toList(),
                    Boolean.TRUE.equals(rename)));
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
