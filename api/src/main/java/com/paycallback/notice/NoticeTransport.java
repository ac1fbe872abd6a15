package com.paycallback.notice;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

  NoticeTransport(NoticeTransportProperties properties) {
    this.trustedProxies = matchers(properties.trustedProxies());
    this.maxBodyBytes = properties.maxBodyBytes();
  }

  public static List<IpAddressMatcher> matchers(List<String> cidrs) {
    return cidrs.stream().map(IpAddressMatcher::new).toList();
  }

  /**
   * The client's address: the TCP peer, or, when the peer is a trusted proxy, the right-most
   * X-Forwarded-For entry that is not itself a trusted proxy.
   */
  public String sourceIp(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded == null || !isTrustedProxy(peer)) {
      return peer;
    }
    String[] hops = forwarded.split(",");
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

  /** Refuses a caller outside the channel's allowlist; an empty allowlist allows everyone. */
  public void checkAllowed(String sourceIp, List<IpAddressMatcher> allowlist) {
    if (!allowlist.isEmpty() && !matchesAny(allowlist, sourceIp)) {
      throw new NoticeRejected(ReasonCode.IP_NOT_ALLOWED, sourceIp + " is not allowed");
    }
  }

  /** Refuses a body of another content type than the channel's. */
  public void checkContentType(HttpServletRequest request, MediaType expected) {
    String header = request.getContentType();
    try {
      if (header == null || !expected.isCompatibleWith(MediaType.parseMediaType(header))) {
        throw new NoticeRejected(
            ReasonCode.UNSUPPORTED_MEDIA_TYPE, "expected " + expected + ", got " + header);
      }
    } catch (InvalidMediaTypeException e) {
      throw new NoticeRejected(ReasonCode.UNSUPPORTED_MEDIA_TYPE, "unparseable content type");
    }
  }

  /** The raw body, refused past the size limit without reading further. */
  public byte[] body(HttpServletRequest request) {
    if (request.getContentLengthLong() > maxBodyBytes) {
      throw new NoticeRejected(ReasonCode.BODY_TOO_LARGE, "over " + maxBodyBytes + " bytes");
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      if (body.length > maxBodyBytes) {
        throw new NoticeRejected(ReasonCode.BODY_TOO_LARGE, "over " + maxBodyBytes + " bytes");
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the notice body", e);
    }
  }
}
