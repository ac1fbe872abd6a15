package com.paycallback.gateway.wechatpay;

import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.PaymentChannels;
import com.paycallback.notice.NoticeAnswer;
import com.paycallback.notice.NoticePipeline;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /notify/wechatpay}: 204 once received; otherwise the status and {@code
 * {"code":"FAIL","message":...}} that WeChat Pay expects (it retries on anything but 2xx).
 */
@ConditionalOnChannel(PaymentChannels.WECHATPAY)
@RestController
class WechatPayNoticeController {

  private final NoticePipeline pipeline;
  private final WechatPayNoticeChannel channel;

  WechatPayNoticeController(NoticePipeline pipeline, WechatPayNoticeChannel channel) {
    this.pipeline = pipeline;
    this.channel = channel;
  }

  @PostMapping("/notify/wechatpay")
  ResponseEntity<?> notify(HttpServletRequest request) {
    return NoticeAnswer.JSON.to(pipeline.handle(channel, request));
  }
}
