package com.paycallback.gateway.alipay;

import com.paycallback.crypto.RsaVerifier;
import com.paycallback.crypto.Verifier;
import java.security.PublicKey;
import java.util.List;

/**
 * Alipay's public keys the shop trusts. Alipay signs notices and the answers of its OpenAPI with
 * the same keys (SHA256withRSA), so the notice channel and the OpenAPI caller share them.
 */
final class AlipayKeys {

  private static final Verifier RSA = new RsaVerifier();

  private final List<PublicKey> keys;

  AlipayKeys(List<PublicKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /** Whether any of Alipay's keys signed {@code content}. */
  boolean signed(byte[] content, byte[] signature) {
    return RSA.verifyAny(keys, content, signature);
  }
}
