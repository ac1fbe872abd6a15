package com.paycallback.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256: the generic channel's signatures and our keyed digests of payer ids. */
public final class HmacSha256 {

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  /**
   * One {@link Mac} per thread, initialised with the key once: a provider look-up and a key set-up
   * on every notice cost as much as the MAC of the notice itself.
   */
  private final ThreadLocal<Mac> macs;

  private HmacSha256(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
    this.macs = ThreadLocal.withInitial(() -> initialised(this.key));
  }

  /** A key that MACs many messages, such as a webhook's shared secret. */
  public static HmacSha256 keyed(byte[] key) {
    return new HmacSha256(key);
  }

  /** The MAC of the parts, in order, as one message, with a key used this once. */
  public static byte[] mac(byte[] key, byte[]... parts) {
    return digest(initialised(new SecretKeySpec(key, ALGORITHM)), parts);
  }

  /** The MAC under this key of the parts, in order, as one message. */
  public byte[] of(byte[]... parts) {
    Mac mac = macs.get();
    // doFinal leaves the Mac ready for the next message; this also clears what a failure left.
    mac.reset();
    return digest(mac, parts);
  }

  private static byte[] digest(Mac mac, byte[]... parts) {
    for (byte[] part : parts) {
      mac.update(part);
    }
    return mac.doFinal();
  }

  private static Mac initialised(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is in every JDK", e);
    }
  }
}
