package com.paycallback.notify.generic;

import com.paycallback.notify.JsonAnswer;
import com.paycallback.notify.NoticePipeline;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /notify/generic}: 204 once received, otherwise 4xx/5xx with a JSON reason. */
@RestController
class GenericNoticeController {

  private final NoticePipeline pipeline;
  private final GenericNoticeChannel channel;

  GenericNoticeController(NoticePipeline pipeline, GenericNoticeChannel channel) {
    this.pipeline = pipeline;
    this.channel = channel;
  }

  @PostMapping("/notify/generic")
  ResponseEntity<Map<String, String>> notify(HttpServletRequest request) {
    return JsonAnswer.of(pipeline.handle(channel, request));
  }
}
