package com.paycallback.gateway.alipay;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The string Alipay signs: every parameter but the unsigned ones, empty values dropped, keys
 * sorted, joined {@code k=v&...} with the decoded values. A notice leaves out {@code sign} and
 * {@code sign_type}; an OpenAPI request signs its {@code sign_type} too and leaves out only {@code
 * sign}.
 */
public final class AlipaySignContent {

  private static final Set<String> NOTICE_UNSIGNED = Set.of("sign", "sign_type");
  private static final Set<String> REQUEST_UNSIGNED = Set.of("sign");

  private AlipaySignContent() {}

  /** What an asynchronous notice's {@code sign} covers. */
  public static String of(Map<String, String> params) {
    return join(params, NOTICE_UNSIGNED);
  }

  /** What an OpenAPI request's {@code sign} covers. */
  static String ofRequest(Map<String, String> params) {
    return join(params, REQUEST_UNSIGNED);
  }

  private static String join(Map<String, String> params, Set<String> unsigned) {
    StringBuilder content = new StringBuilder();
    for (Map.Entry<String, String> param : new TreeMap<>(params).entrySet()) {
      String key = param.getKey();
      String value = param.getValue();
      if (unsigned.contains(key) || value == null || value.isEmpty()) {
        continue;
      }
      if (!content.isEmpty()) {
        content.append('&');
      }
      content.append(key).append('=').append(value);
    }
    return content.toString();
  }
}
