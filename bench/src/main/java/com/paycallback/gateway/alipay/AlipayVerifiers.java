package com.paycallback.gateway.alipay;

import java.security.PublicKey;
import java.util.List;

/**
 * The service's Alipay verifier for the benchmarks, built as {@code AlipayConfig} builds it, whose
 * key holder is package-private.
 */
public final class AlipayVerifiers {

  private AlipayVerifiers() {}

  public static AlipaySignatureVerifier trusting(PublicKey alipayKey) {
    return new AlipaySignatureVerifier(new AlipayKeys(List.of(alipayKey)));
  }
}
