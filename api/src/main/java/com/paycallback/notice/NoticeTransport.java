package com.paycallback.notice;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The transport stage every webhook runs first: the caller's address (X-Forwarded-For believed only
 * from trusted proxies), the channel's IP allowlist, the content type and the body size. Reads the
 * raw bytes itself, because signatures are over bytes and Alipay's form may be GBK.
 */
@Component
public class NoticeTransport {

  private final List<IpAddressMatcher> trustedProxies;
  private final int maxBodyBytes;
  private final Duration readTimeout;

  NoticeTransport(NoticeTransportProperties properties) {
    this.trustedProxies = matchers(properties.trustedProxies());
    this.maxBodyBytes = properties.maxBodyBytes();
    this.readTimeout = properties.noticeReadTimeout();
  }

  public static List<IpAddressMatcher> matchers(List<String> cidrs) {
    return cidrs.stream().map(IpAddressMatcher::new).toList();
  }

  /**
   * The client's address: the TCP peer, or, when the peer is a trusted proxy, the right-most
   * X-Forwarded-For entry that is not itself a trusted proxy. Several X-Forwarded-For header lines
   * are one list, in order (RFC 9110 5.3): reading only the first would let a client's own line
   * hide the one our proxy appended after it.
   */
  public String sourceIp(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    if (!isTrustedProxy(peer)) {
      return peer;
    }
    Enumeration<String> lines = request.getHeaders("X-Forwarded-For");
    if (lines == null || !lines.hasMoreElements()) {
      return peer;
    }
    String[] hops = String.join(",", Collections.list(lines)).split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!hop.isEmpty() && !isTrustedProxy(hop)) {
        return hop;
      }
    }
    return peer;
  }

  private boolean isTrustedProxy(String address) {
    return matchesAny(trustedProxies, address);
  }

  private static boolean matchesAny(List<IpAddressMatcher> cidrs, String address) {
    for (IpAddressMatcher cidr : cidrs) {
      try {
        if (cidr.matches(address)) {
          return true;
        }
      } catch (IllegalArgumentException notAnAddress) {
        return false;
      }
    }
    return false;
  }

  /** Whether the address is on a non-empty allowlist: one of the gateway's own addresses. */
  static boolean listed(List<IpAddressMatcher> allowlist, String address) {
    return !allowlist.isEmpty() && matchesAny(allowlist, address);
  }

  /** Refuses a caller outside the channel's allowlist; an empty allowlist allows everyone. */
  public void checkAllowed(String sourceIp, List<IpAddressMatcher> allowlist) {
    if (!allowlist.isEmpty() && !matchesAny(allowlist, sourceIp)) {
      throw new NoticeRejected(ReasonCode.IP_NOT_ALLOWED, sourceIp + " is not allowed");
    }
  }

  /**
   * Refuses a body of another content type than the channel's. The type must be the channel's
   * exactly (parameters such as charset aside): a wildcard like {@code *}{@code /*} is compatible
   * with everything, and says nothing about what the body is.
   */
  public void checkContentType(HttpServletRequest request, MediaType expected) {
    String header = request.getContentType();
    try {
      if (header == null || !expected.equalsTypeAndSubtype(MediaType.parseMediaType(header))) {
        throw new NoticeRejected(
            ReasonCode.UNSUPPORTED_MEDIA_TYPE, "expected " + expected + ", got " + header);
      }
    } catch (InvalidMediaTypeException e) {
      throw new NoticeRejected(ReasonCode.UNSUPPORTED_MEDIA_TYPE, "unparseable content type");
    }
  }

  /**
   * The raw body, refused past the size limit without reading further, and cut off when it has not
   * arrived whole within the read deadline. Each blocking read waits at most the server's
   * connection timeout, which the configuration ties to the same deadline; the deadline here bounds
   * the whole body, so a client trickling a byte at a time cannot hold the thread.
   */
  public byte[] body(HttpServletRequest request) {
    if (request.getContentLengthLong() > maxBodyBytes) {
      throw new NoticeRejected(ReasonCode.BODY_TOO_LARGE, "over " + maxBodyBytes + " bytes");
    }
    long deadline = System.nanoTime() + readTimeout.toNanos();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try (InputStream in = request.getInputStream()) {
      int read;
      while ((read = in.read(chunk)) != -1) {
        body.write(chunk, 0, read);
        if (body.size() > maxBodyBytes) {
          throw new NoticeRejected(ReasonCode.BODY_TOO_LARGE, "over " + maxBodyBytes + " bytes");
        }
        if (System.nanoTime() - deadline > 0) {
          throw readTimedOut();
        }
      }
      return body.toByteArray();
    } catch (IOException e) {
      if (timedOut(e)) {
        throw readTimedOut();
      }
      throw new UncheckedIOException("cannot read the notice body", e);
    }
  }

  private NoticeRejected readTimedOut() {
    return new NoticeRejected(
        ReasonCode.READ_TIMEOUT, "body not received within " + readTimeout.toMillis() + " ms");
  }

  /** The servlet container wraps a socket's read timeout in its own exception type. */
  private static boolean timedOut(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
