package com.paycallback.notice;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/** What the pipeline needs from one gateway: its transport rules and how to prove a notice. */
public interface NoticeChannel {

  /** {@code alipay}, {@code wechatpay} or {@code generic}. */
  String name();

  MediaType contentType();

  /** CIDRs the gateway calls from; empty allows any address. */
  List<IpAddressMatcher> allowedIps();

  /**
   * Proves the notice genuine and recent (signature, timestamp) and gives it back with its replay
   * key; the pipeline checks the replay key, then reads the notice.
   *
   * @throws NoticeRejected with the reason, for anything that is not a genuine notice
   */
  VerifiedNotice authenticate(HttpServletRequest request, byte[] body);
}
