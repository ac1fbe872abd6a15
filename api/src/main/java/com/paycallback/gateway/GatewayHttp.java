package com.paycallback.gateway;

import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP client our calls to a gateway's API (refunds) go out with. */
public final class GatewayHttp {

  private GatewayHttp() {}

  /** A client with a 5 s connect timeout; each request sets its own overall timeout. */
  public static HttpClient client() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }
}
