package com.paycallback.crypto;

import java.security.PublicKey;

/** Checks signatures of one algorithm, as wechatpay-java's {@code Verifier} does per algorithm. */
public interface Verifier {

  /** Whether the key is of the kind this algorithm verifies with. */
  boolean accepts(PublicKey key);

  /**
   * Whether the signature is the key's signature of the message. Never throws for a wrong or
   * garbled signature: that is simply {@code false}.
   */
  boolean verify(PublicKey key, byte[] message, byte[] signature);

  /** Whether any of the keys signed the message (several are trusted during a key rotation). */
  default boolean verifyAny(Iterable<PublicKey> keys, byte[] message, byte[] signature) {
    for (PublicKey key : keys) {
      if (verify(key, message, signature)) {
        return true;
      }
    }
    return false;
  }
}
