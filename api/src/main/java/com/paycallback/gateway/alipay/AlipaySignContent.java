package com.paycallback.gateway.alipay;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

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
    // Sorting the keys alone, and sizing the builder first, spares a sorted copy of the map and
    // the builder's regrowth on every notice.
    String[] keys = params.keySet().toArray(new String[0]);
    Arrays.sort(keys);
    int signed = 0;
    int length = 0;
    for (String key : keys) {
      String value = params.get(key);
      if (unsigned.contains(key) || blank(key) || blank(value)) {
        continue;
      }
      keys[signed++] = key;
      length += key.length() + value.length() + 2;
    }
    StringBuilder content = new StringBuilder(length);
    for (int i = 0; i < signed; i++) {
      if (i > 0) {
        content.append('&');
      }
      content.append(keys[i]).append('=').append(params.get(keys[i]));
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
