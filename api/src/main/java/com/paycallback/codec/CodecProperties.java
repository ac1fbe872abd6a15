package com.paycallback.codec;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Temporal UI's codec endpoint.
 *
 * @param allowedOrigins the origins of the Temporal UI pages allowed to call {@code /codec/**} from
 *     the operator's browser (CORS, with credentials)
 */
@ConfigurationProperties("paycallback.codec")
public record CodecProperties(
    @DefaultValue({"http://127.0.0.1:8233", "http://localhost:8233"})
        List<String> allowedOrigins) {}
