package com.paycallback.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.paycallback.notice.PayloadCipher;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encrypts every payload the service hands Temporal — workflow and activity inputs and results,
 * query answers, failure messages — with AES-256-GCM under the audit payloads' keys ({@code
 * paycallback.notice-encryption}): new payloads under the current key id, which travels in the
 * payload's metadata, so a rotated-out key stays listed only to read old histories.
 *
 * <p>Payloads without the encrypted encoding (histories written before this codec) are passed
 * through unchanged, so running workflows and recorded histories still decode.
 */
public class EncryptingPayloadCodec implements PayloadCodec {

  static final String ENCODING = "binary/encrypted";
  static final String KEY_ID = "encryption-key-id";

  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);

  private final PayloadCipher cipher;

  public EncryptingPayloadCodec(PayloadCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload payload) {
    String keyId = cipher.currentKeyId();
    return Payload.newBuilder()
        .putMetadata("encoding", ENCODING_BYTES)
        .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
        .setData(ByteString.copyFrom(cipher.encrypt(payload.toByteArray())))
        .build();
  }

  private Payload decrypt(Payload payload) {
    if (!ENCODING_BYTES.equals(payload.getMetadataOrDefault("encoding", null))) {
      return payload;
    }
    ByteString keyId = payload.getMetadataOrDefault(KEY_ID, null);
    if (keyId == null) {
      throw new PayloadCodecException("encrypted payload without " + KEY_ID);
    }
    try {
      return Payload.parseFrom(
          cipher.decrypt(
              new String(keyId.toByteArray(), StandardCharsets.UTF_8),
              payload.getData().toByteArray()));
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new PayloadCodecException(e);
    }
  }
}
