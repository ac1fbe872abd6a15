package com.paycallback.notify.alipay;

import com.paycallback.notify.NoticePipeline;
import com.paycallback.notify.ReasonCode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /notify/alipay}: answers {@code success} or {@code failure} as Alipay expects. */
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
  ResponseEntity<String> notify(HttpServletRequest request) {
    ReasonCode reason = pipeline.handle(channel, request);
    return ResponseEntity.status(reason.httpStatus())
        .contentType(MediaType.TEXT_PLAIN)
        .body(reason.acknowledged() ? "success" : "failure");
  }
}
