package com.paycallback.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;

/** SM3withSM2 with the default user id, the counterpart of {@link Sm2Verifier}. */
public final class Sm2Signer implements Signer {

  private final PrivateKey key;
  private final SecureRandom random = new SecureRandom();

  public Sm2Signer(PrivateKey key) {
    this.key = key;
  }

  @Override
  public byte[] sign(byte[] message) {
    try {
      Signature sm2 = Signature.getInstance(Sm2Verifier.ALGORITHM, BouncyCastle.PROVIDER);
      sm2.setParameter(new SM2ParameterSpec(Sm2Verifier.USER_ID));
      sm2.initSign(key, random);
      sm2.update(message);
      return sm2.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with SM3withSM2", e);
    }
  }
}
