package com.paycallback.notify.wechatpay;

import com.paycallback.notify.JsonAnswer;
import com.paycallback.notify.NoticePipeline;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /notify/wechatpay}: 204 once received; otherwise the status and {@code
 * {"code":"FAIL","message":...}} that WeChat Pay expects (it retries on anything but 2xx).
 */
@RestController
class WechatPayNoticeController {

  private final NoticePipeline pipeline;
  private final WechatPayNoticeChannel channel;

  WechatPayNoticeController(NoticePipeline pipeline, WechatPayNoticeChannel channel) {
    this.pipeline = pipeline;
    this.channel = channel;
  }

  @PostMapping("/notify/wechatpay")
  ResponseEntity<Map<String, String>> notify(HttpServletRequest request) {
    return JsonAnswer.of(pipeline.handle(channel, request));
  }
}
