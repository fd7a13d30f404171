package dev.wxlogin.server.user;

import java.time.Duration;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;

/** Serves uploaded avatars, publicly: mini programs show them in {@code <image>} tags without headers. */
@RestController
class AvatarController {

    private final AvatarStorage avatars;

    AvatarController(AvatarStorage avatars) {
        this.avatars = avatars;
    }

    @GetMapping("/avatars/{name}")
    ResponseEntity<Resource> avatar(@PathVariable String name) {
        AvatarStorage.StoredAvatar avatar = avatars.find(name).orElseThrow(() -> new ApiException(ApiError.NOT_FOUND));
        // Names are random and never reused, so a file never changes under its URL.
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(avatar.type().mediaType()))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .body(new FileSystemResource(avatar.file()));
    }
}
