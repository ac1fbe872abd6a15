package com.paycallback.gateway.alipay;

import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.PaymentChannels;
import com.paycallback.notice.NoticeAnswer;
import com.paycallback.notice.NoticePipeline;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /notify/alipay}: answers {@code success} or {@code failure} as Alipay expects. */
@ConditionalOnChannel(PaymentChannels.ALIPAY)
@RestController
class AlipayNoticeController {

  private final NoticePipeline pipeline;
  private final AlipayNoticeChannel channel;

  AlipayNoticeController(NoticePipeline pipeline, AlipayNoticeChannel channel) {
    this.pipeline = pipeline;
    this.channel = channel;
  }

  /** Takes the raw request: the body must be read as bytes, before anything parses the form. */
  @PostMapping("/notify/alipay")
  ResponseEntity<?> notify(HttpServletRequest request) {
    return NoticeAnswer.TEXT.to(pipeline.handle(channel, request));
  }
}
