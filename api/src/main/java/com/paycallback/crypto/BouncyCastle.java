package com.paycallback.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One BouncyCastle provider instance, passed explicitly to each {@code getInstance} call: the JDK
 * has no SM2/SM3, and registering BouncyCastle globally would change algorithm choices elsewhere in
 * the process.
 */
public final class BouncyCastle {

  public static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}
}
