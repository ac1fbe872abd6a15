package com.paycallback.notice;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Keys that encrypt sensitive notice data at rest (AES-256-GCM).
 *
 * @param currentKeyId the key new rows are encrypted with
 * @param keys key id → base64 of 32 random bytes; old ids stay listed so old rows stay readable
 */
@Validated
@ConfigurationProperties("paycallback.notice-encryption")
public record NoticeEncryptionProperties(
    @NotBlank String currentKeyId, @NotEmpty Map<String, String> keys) {}
