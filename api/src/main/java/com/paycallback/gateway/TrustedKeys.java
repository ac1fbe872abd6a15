package com.paycallback.gateway;

import java.util.Map;

/**
 * Public keys a channel trusts beside the configured ones, in the configuration's own form. The
 * sandbox contributes the simulated gateways' keys this way while it is on; production has no such
 * bean, so a channel trusts exactly what is configured.
 */
public interface TrustedKeys {

  /**
   * @param channel {@code alipay}, {@code wechatpay}, ...
   * @return PEM public keys by key id (WeChat Pay's {@code PUB_KEY_ID_...}; any id elsewhere),
   *     empty when this source has none for the channel
   */
  Map<String, String> publicKeysPem(String channel);
}
