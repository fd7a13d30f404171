package dev.wxlogin.server.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.wxlogin.server.config.WxLoginProperties;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;

/**
 * Uploaded avatars as files under {@code wxlogin.avatar.dir}, each under a random name (so that
 * names cannot be guessed or collide, and a new upload never overwrites a cached old one), served at
 * {@value #URL_PREFIX}{@code <name>}.
 */
@Component
public class AvatarStorage {

    /** The path avatars are served under; the stored avatarUrl is this plus the file name. */
    public static final String URL_PREFIX = "/avatars/";

    private static final Logger LOG = LoggerFactory.getLogger(AvatarStorage.class);
    private static final Pattern NAME = Pattern.compile("[0-9a-f]{32}\\.(jpg|png|webp)");

    /**
     * A stored avatar.
     *
     * @param file where it is
     * @param type its image type
     */
    record StoredAvatar(Path file, ImageType type) {
    }

    private final Path dir;
    private final long maxSize;
    private final SecureRandom random = new SecureRandom();

    AvatarStorage(WxLoginProperties properties) {
        this.dir = properties.avatar().dir().toAbsolutePath().normalize();
        this.maxSize = properties.avatar().maxSize().toBytes();
    }

    /**
     * Checks an image (it must decode, see {@link AvatarDecoder}) and stores it under a new name.
     *
     * @return the file's name
     * @throws ApiException AVATAR_TOO_LARGE or AVATAR_UNSUPPORTED_TYPE
     */
    String store(byte[] image) {
        if (image.length > maxSize) {
            throw new ApiException(ApiError.AVATAR_TOO_LARGE);
        }
        ImageType type = AvatarDecoder.check(image);
        byte[] id = new byte[16];
        random.nextBytes(id);
        String name = HexFormat.of().formatHex(id) + "." + type.extension();
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "upload-", ".partial");
            try {
                Files.write(partial, image);
                // Whole or not at all: a reader never sees half a file.
                Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store an avatar under " + dir, e);
        }
        return name;
    }

    /** The URL path a stored avatar is served at. */
    static String url(String name) {
        return URL_PREFIX + name;
    }

    /** The stored avatar called {@code name}, if there is one. */
    Optional<StoredAvatar> find(String name) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return ImageType.ofExtension(matcher.group(1)).map(type -> new StoredAvatar(file, type));
    }

    /** Deletes the stored avatar called {@code name}, if there is one. */
    void delete(String name) {
        find(name).ifPresent(avatar -> {
            try {
                Files.deleteIfExists(avatar.file());
            } catch (IOException e) {
                // The new avatar is stored already; an orphaned old file is not worth failing for.
                LOG.warn("cannot delete the replaced avatar {}: {}", avatar.file(), e.getMessage());
            }
        });
    }
}
