package com.paycallback.gateway;

import com.paycallback.refund.RefundFailed;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** How our calls to a gateway's API (refunds) go out. */
public final class GatewayHttp {

  private GatewayHttp() {}

  /** A client with a 5 s connect timeout; each request sets its own overall timeout. */
  public static HttpClient client() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Sends the request; any answer, whatever its status, is the caller's to judge.
   *
   * @param gateway who is called, as the failure names it
   * @throws RefundFailed when the gateway cannot be reached (the saga retries it)
   */
  public static HttpResponse<String> send(HttpClient http, HttpRequest request, String gateway) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RefundFailed(gateway + " is unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RefundFailed("interrupted while calling " + gateway, e);
    }
  }
}
