package com.paycallback.gateway.generic;

import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.PaymentChannels;
import com.paycallback.notice.NoticeChannel;
import com.paycallback.notice.ReplayKey;
import com.paycallback.notice.VerifiedNotice;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** The generic channel: a JSON notice signed with {@code Paycallback-Signature}. */
@ConditionalOnChannel(PaymentChannels.GENERIC)
@Component
class GenericNoticeChannel implements NoticeChannel {

  private final GenericProperties properties;
  private final HmacSignatureVerifier verifier;
  private final GenericNoticeParser parser = new GenericNoticeParser();
  private final Transport transport;

  GenericNoticeChannel(GenericProperties properties, Clock clock) {
    this.properties = properties;
    this.verifier = new HmacSignatureVerifier(properties.secrets(), properties.tolerance(), clock);
    this.transport =
        Transport.of(
            GenericNoticeParser.CHANNEL, MediaType.APPLICATION_JSON, properties.allowedIps());
  }

  @Override
  public Transport transport() {
    return transport;
  }

  @Override
  public VerifiedNotice authenticate(HttpServletRequest request, byte[] body) {
    HmacSignatureVerifier.Proof proof =
        verifier.prove(request.getHeader(HmacSignatureVerifier.HEADER), body);
    // The protocol has no nonce: a genuine request is unique to its t and body, so the same
    // proven signature seen twice inside the tolerance is a replay of a captured request. The key
    // comes from what was verified, never from the header's text, which a replayer can reformat.
    return VerifiedNotice.replayable(
        new ReplayKey(
            sha256(HexFormat.of().formatHex(proof.canonicalSignature())),
            proof.signedAt(),
            properties.tolerance()),
        () -> parser.parse(body));
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
