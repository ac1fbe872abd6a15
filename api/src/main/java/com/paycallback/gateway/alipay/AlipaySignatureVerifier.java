package com.paycallback.gateway.alipay;

import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.ReasonCode;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.Map;

/**
 * RSA2 (SHA256withRSA) verification of Alipay notices against any of Alipay's keys the shop trusts.
 * Never mutates the caller's parameters.
 */
public class AlipaySignatureVerifier {

  private final AlipayKeys keys;

  public AlipaySignatureVerifier(AlipayKeys keys) {
    this.keys = keys;
  }

  /**
   * @param params the notice's decoded parameters
   * @param charset the charset the notice was encoded in; the signature is over those bytes
   * @throws NoticeRejected when the signature is missing, unsupported or matches no key
   */
  public void verify(Map<String, String> params, Charset charset) {
    String sign = params.get("sign");
    if (sign == null || sign.isBlank()) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_MISSING, "no sign parameter");
    }
    String signType = params.getOrDefault("sign_type", "RSA2");
    if (!"RSA2".equals(signType)) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_INVALID, "unsupported sign_type " + signType);
    }
    byte[] signature = signature(sign);
    if (!keys.signed(AlipaySignContent.of(params).getBytes(charset), signature)) {
      throw new NoticeRejected(ReasonCode.SIGNATURE_INVALID, "signature matches no Alipay key");
    }
  }

  /**
   * The signature bytes. Alipay sends plain Base64, which the strict decoder reads several times
   * faster; anything else is read as alipay-sdk-java reads it, skipping what is not Base64 (line
   * breaks, spaces), which the MIME decoder does.
   */
  private static byte[] signature(String sign) {
    try {
      return Base64.getDecoder().decode(sign);
    } catch (IllegalArgumentException notPlain) {
      try {
        return Base64.getMimeDecoder().decode(sign);
      } catch (IllegalArgumentException e) {
        throw new NoticeRejected(ReasonCode.SIGNATURE_INVALID, "sign is not base64");
      }
    }
  }
}
