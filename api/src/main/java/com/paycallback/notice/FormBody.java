package com.paycallback.notice;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Strict {@code application/x-www-form-urlencoded} parsing over raw bytes, decoding values in the
 * charset the form itself names (Alipay's {@code charset} parameter may say GBK, whatever the
 * Content-Type header claims). A repeated or malformed parameter is a rejection, not a guess.
 */
public record FormBody(Map<String, String> params, Charset charset) {

  /**
   * @param charsetParameter the parameter that names the form's charset
   * @param charsetNamed the charset for that parameter's value (null when absent); throws {@link
   *     NoticeRejected} for one it does not take
   */
  public static FormBody parse(
      byte[] body, String charsetParameter, Function<String, Charset> charsetNamed) {
    Map<String, byte[]> raw = new LinkedHashMap<>();
    int start = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == '&') {
        if (i > start) {
          int eq = indexOf(body, (byte) '=', start, i);
          if (eq < 0) {
            throw new NoticeRejected(ReasonCode.MALFORMED, "form field without '='");
          }
          String key = new String(unescape(body, start, eq), StandardCharsets.US_ASCII);
          if (raw.put(key, unescape(body, eq + 1, i)) != null) {
            throw new NoticeRejected(ReasonCode.MALFORMED, "parameter " + key + " is repeated");
          }
        }
        start = i + 1;
      }
    }
    byte[] charsetName = raw.get(charsetParameter);
    Charset charset =
        charsetNamed.apply(
            charsetName == null ? null : new String(charsetName, StandardCharsets.US_ASCII));
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> entry : raw.entrySet()) {
      try {
        params.put(entry.getKey(), decoder.decode(ByteBuffer.wrap(entry.getValue())).toString());
      } catch (CharacterCodingException e) {
        throw new NoticeRejected(
            ReasonCode.MALFORMED, entry.getKey() + " is not valid " + charset.name());
      }
    }
    return new FormBody(Map.copyOf(params), charset);
  }

  private static int indexOf(byte[] bytes, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] unescape(byte[] bytes, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b == '+') {
        out.write(' ');
      } else if (b == '%') {
        if (i + 2 >= to) {
          throw new NoticeRejected(ReasonCode.MALFORMED, "truncated percent escape");
        }
        int hi = Character.digit(bytes[i + 1], 16);
        int lo = Character.digit(bytes[i + 2], 16);
        if (hi < 0 || lo < 0) {
          throw new NoticeRejected(ReasonCode.MALFORMED, "bad percent escape");
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }
}
