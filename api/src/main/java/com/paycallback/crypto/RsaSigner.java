package com.paycallback.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/** SHA256withRSA with a merchant's (or a simulated gateway's) RSA private key. */
public final class RsaSigner implements Signer {

  private final PrivateKey key;

  public RsaSigner(PrivateKey key) {
    this.key = key;
  }

  @Override
  public byte[] sign(byte[] message) {
    try {
      Signature rsa = Signature.getInstance(RsaVerifier.ALGORITHM);
      rsa.initSign(key);
      rsa.update(message);
      return rsa.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with SHA256withRSA", e);
    }
  }
}
