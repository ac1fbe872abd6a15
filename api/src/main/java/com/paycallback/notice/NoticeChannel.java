package com.paycallback.notice;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/** What the pipeline needs from one gateway: its transport rules and how to prove a notice. */
public interface NoticeChannel {

  /** The channel's id and the rules the transport stage enforces for it. */
  Transport transport();

  /** The channel's id, as audit rows, metrics and settlements record it. */
  default String name() {
    return transport().name();
  }

  /**
   * Proves the notice genuine and recent (signature, timestamp) and gives it back with its replay
   * key; the pipeline checks the replay key, then reads the notice.
   *
   * @throws NoticeRejected with the reason, for anything that is not a genuine notice
   */
  VerifiedNotice authenticate(HttpServletRequest request, byte[] body);

  /**
   * @param name the channel's id
   * @param contentType the content type its notices come in
   * @param allowedIps CIDRs the gateway calls from; empty allows any address
   */
  record Transport(String name, MediaType contentType, List<IpAddressMatcher> allowedIps) {

    /** With the allowlist as configured: CIDR strings. */
    public static Transport of(String name, MediaType contentType, List<String> allowedCidrs) {
      return new Transport(name, contentType, NoticeTransport.matchers(allowedCidrs));
    }
  }
}
