package com.paycallback.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Comparisons whose time does not tell a caller how much of its guess was right. */
public final class ConstantTime {

  private ConstantTime() {}

  /** Whether both are present and equal; a missing value never matches. */
  public static boolean equal(String expected, String actual) {
    return expected != null
        && actual != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the bytes are equal, in time that depends on their length only. */
  public static boolean equal(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }
}
