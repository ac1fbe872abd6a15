package com.paycallback.gateway.wechatpay;

import com.paycallback.gateway.ConditionalOnChannel;
import com.paycallback.gateway.PaymentChannels;
import com.paycallback.notice.NoticeAnswer;
import com.paycallback.notice.NoticeChannel;
import com.paycallback.notice.NoticePipeline;
import com.paycallback.notice.NoticeRejected;
import com.paycallback.notice.ReasonCode;
import com.paycallback.notice.VerifiedNotice;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /notify/wechatpay/refund}: the refund notify URL the refund requests name. Verified
 * exactly like a payment notice (it is the same channel); only {@code REFUND.*} events are taken
 * here. Answers as {@code /notify/wechatpay} does.
 */
@ConditionalOnChannel(PaymentChannels.WECHATPAY)
@RestController
class WechatPayRefundNoticeController {

  private final NoticePipeline pipeline;
  private final NoticeChannel refundsOnly;

  WechatPayRefundNoticeController(NoticePipeline pipeline, WechatPayNoticeChannel channel) {
    this.pipeline = pipeline;
    this.refundsOnly =
        new NoticeChannel() {
          @Override
          public Transport transport() {
            return channel.transport();
          }

          @Override
          public VerifiedNotice authenticate(HttpServletRequest request, byte[] body) {
            VerifiedNotice verified = channel.authenticate(request, body);
            if (!verified.isRefund()) {
              throw new NoticeRejected(
                  ReasonCode.MALFORMED, "only refund notices are taken at the refund notify URL");
            }
            return verified;
          }
        };
  }

  @PostMapping("/notify/wechatpay/refund")
  ResponseEntity<?> notify(HttpServletRequest request) {
    return NoticeAnswer.JSON.to(pipeline.handle(refundsOnly, request));
  }
}
