package com.paycallback.gateway;

/** A call to a gateway's API that did not get a usable answer: unreachable, an error, a refusal. */
public class GatewayCallFailed extends RuntimeException {
  public GatewayCallFailed(String message) {
    super(message);
  }

  public GatewayCallFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
