package com.paycallback.gateway.alipay;

import java.net.URI;
import java.security.PrivateKey;

/**
 * An Alipay OpenAPI the shop calls while no merchant key is configured, with the merchant key it
 * checks our requests against. The sandbox contributes the simulated Alipay this way; production
 * has no such bean, so there the shop calls exactly what is configured.
 */
public interface AlipayOpenApiStandIn {

  /** The stand-in's gateway, asked at each call: its port is known only once the server listens. */
  URI gatewayUrl();

  /** The merchant key our requests are signed with. */
  PrivateKey merchantPrivateKey();
}
