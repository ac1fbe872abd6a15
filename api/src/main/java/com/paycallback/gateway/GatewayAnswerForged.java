package com.paycallback.gateway;

/**
 * A gateway's answer without its valid signature: refused like a forged notice, and nothing is
 * changed on its word.
 */
public class GatewayAnswerForged extends GatewayCallFailed {
  public GatewayAnswerForged(String message) {
    super(message);
  }
}
