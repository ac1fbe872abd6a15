package com.paycallback.gateway.alipay;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The string Alipay signs: every parameter but the unsigned ones, empty values dropped, keys
 * sorted, joined {@code k=v&...} with the decoded values. "Empty" is alipay-sdk-java's {@code
 * StringUtils.areNotEmpty(key, value)}: a key or value that is null, empty or made only of {@link
 * Character#isWhitespace} characters (so {@code " "}, a tab or U+3000, but not U+00A0) is left out;
 * anything else is kept as sent, untrimmed. A notice leaves out {@code sign} and {@code sign_type};
 * an OpenAPI request signs its {@code sign_type} too and leaves out only {@code sign}.
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
  public static String ofRequest(Map<String, String> params) {
    return join(params, REQUEST_UNSIGNED);
  }

  private static String join(Map<String, String> params, Set<String> unsigned) {
    StringBuilder content = new StringBuilder();
    for (Map.Entry<String, String> param : new TreeMap<>(params).entrySet()) {
      String key = param.getKey();
      String value = param.getValue();
      if (unsigned.contains(key) || blank(key) || blank(value)) {
        continue;
      }
      if (!content.isEmpty()) {
        content.append('&');
      }
      content.append(key).append('=').append(value);
    }
    return content.toString();
  }

  /** alipay-sdk-java's {@code StringUtils.isEmpty}: null, or whitespace characters only. */
  private static boolean blank(String text) {
    if (text == null) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
