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

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrors;
import dev.wxlogin.server.error.ApiException;

/** Serves uploaded avatars, publicly: mini programs show them in {@code <image>} tags without headers. */
@RestController
@Tag(name = "Account")
class AvatarController {

    private final AvatarStorage avatars;

    AvatarController(AvatarStorage avatars) {
        this.avatars = avatars;
    }

    @Operation(operationId = "getAvatar", summary = "An uploaded avatar image",
            description = "Public, so that <image> tags can show it; cacheable for a year (names are never reused).",
            responses = @ApiResponse(responseCode = "200", description = "the image",
                    content = {@Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
                            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                            @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary"))}))
    @ApiErrors(ApiError.NOT_FOUND)
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
