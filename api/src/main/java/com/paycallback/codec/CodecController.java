package com.paycallback.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec protocol, for Temporal UI and the CLI ({@code --codec-endpoint}): a JSON
 * {@code Payloads} in, the same shape out. Operators only (see SecurityConfig): whoever may call
 * {@code /codec/decode} reads every settlement's input.
 */
@RestController
class CodecController {

  private final EncryptingPayloadCodec codec;

  CodecController(EncryptingPayloadCodec codec) {
    this.codec = codec;
  }

  @PostMapping(path = "/codec/encode", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> encode(@RequestBody String payloads) {
    return apply(payloads, codec::encode);
  }

  @PostMapping(path = "/codec/decode", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> decode(@RequestBody String payloads) {
    return apply(payloads, codec::decode);
  }

  private static ResponseEntity<String> apply(String json, UnaryOperator<List<Payload>> operation) {
    try {
      Payloads.Builder in = Payloads.newBuilder();
      JsonFormat.parser().ignoringUnknownFields().merge(json, in);
      Payloads out =
          Payloads.newBuilder().addAllPayloads(operation.apply(in.getPayloadsList())).build();
      return ResponseEntity.ok(JsonFormat.printer().print(out));
    } catch (InvalidProtocolBufferException | PayloadCodecException e) {
      return ResponseEntity.badRequest()
          .contentType(MediaType.APPLICATION_JSON)
          .body("{\"error\":\"not codec payloads, or not decryptable with a configured key\"}");
    }
  }
}
