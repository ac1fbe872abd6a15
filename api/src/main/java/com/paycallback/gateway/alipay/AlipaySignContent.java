package com.paycallback.gateway.alipay;

import java.util.Map;
import java.util.TreeMap;

/**
 * The string Alipay signs for an asynchronous notice: every parameter but {@code sign} and {@code
 * sign_type}, empty values dropped, keys sorted, joined {@code k=v&...} with the decoded values.
 */
public final class AlipaySignContent {

  private AlipaySignContent() {}

  public static String of(Map<String, String> params) {
    StringBuilder content = new StringBuilder();
    for (Map.Entry<String, String> param : new TreeMap<>(params).entrySet()) {
      String key = param.getKey();
      String value = param.getValue();
      if ("sign".equals(key) || "sign_type".equals(key) || value == null || value.isEmpty()) {
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
