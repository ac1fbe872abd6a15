package com.paycallback.codec;

import com.paycallback.notice.PayloadCipher;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

@Configuration(proxyBeanMethods = false)
class CodecConfig {

  @Bean
  EncryptingPayloadCodec encryptingPayloadCodec(PayloadCipher cipher) {
    return new EncryptingPayloadCodec(cipher);
  }

  /**
   * The converter of the Temporal client and, through it, of the worker (the starter picks the bean
   * by this name). Failure messages and stack traces are encoded too: they quote order numbers.
   */
  @Bean
  DataConverter mainDataConverter(EncryptingPayloadCodec codec) {
    return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec), true);
  }

  /**
   * CORS for Temporal UI's pages only, and only on the codec endpoint: the UI's browser code posts
   * payloads with the operator's credentials ({@code TEMPORAL_CODEC_INCLUDE_CREDENTIALS}).
   */
  @Bean
  CorsConfigurationSource corsConfigurationSource(CodecProperties properties) {
    CorsConfiguration codec = new CorsConfiguration();
    codec.setAllowedOrigins(properties.allowedOrigins());
    codec.setAllowedMethods(List.of("POST"));
    codec.setAllowedHeaders(List.of("Content-Type", "Authorization", "X-Namespace"));
    codec.setAllowCredentials(true);
    codec.setMaxAge(600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/codec/**", codec);
    return source;
  }
}
