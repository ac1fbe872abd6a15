package com.paycallback.gateway.generic;

import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.PaymentChannels;
import com.paycallback.notice.NoticeAnswer;
import com.paycallback.notice.NoticePipeline;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /notify/generic}: 204 once received, otherwise 4xx/5xx with a JSON reason. */
@ConditionalOnChannel(PaymentChannels.GENERIC)
@RestController
class GenericNoticeController {

  private final NoticePipeline pipeline;
  private final GenericNoticeChannel channel;

  GenericNoticeController(NoticePipeline pipeline, GenericNoticeChannel channel) {
    this.pipeline = pipeline;
    this.channel = channel;
  }

  @PostMapping("/notify/generic")
  ResponseEntity<?> notify(HttpServletRequest request) {
    return NoticeAnswer.JSON.to(pipeline.handle(channel, request));
  }
}
