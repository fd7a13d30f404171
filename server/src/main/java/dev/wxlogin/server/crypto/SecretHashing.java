package dev.wxlogin.server.crypto;

import java.util.Objects;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How the service hashes the secrets people choose or configure: admins' passwords and websites' client
 * secrets. Spring Security's delegating encoder: bcrypt at cost 10 behind the {@code {id}} prefix, so that a
 * stronger hash can take over and old hashes are upgraded at the next login. A type of its own rather than a
 * {@link PasswordEncoder} bean, so that no other part of the service picks it up by type.
 *
 * @param encoder hashes a secret and checks one against its hash; what the hashes' {@code {id}} prefix names
 */
public record SecretHashing(PasswordEncoder encoder) {

    public SecretHashing {
        Objects.requireNonNull(encoder, "encoder");
    }

    /** What the service uses: Spring Security's delegating encoder, bcrypt at its default cost (10). */
    public static SecretHashing standard() {
        return new SecretHashing(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    @Override
    public String toString() {
        return "SecretHashing[" + encoder.getClass().getSimpleName() + "]";
    }
}
