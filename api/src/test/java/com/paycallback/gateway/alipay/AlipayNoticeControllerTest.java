package com.paycallback.gateway.alipay;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.paycallback.notice.NoticePipeline;
import com.paycallback.notice.ReasonCode;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.Charset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The Alipay webhook's mapping and answer form, without a database or Temporal. */
@WebMvcTest(AlipayNoticeController.class)
@AutoConfigureMockMvc(addFilters = false)
class AlipayNoticeControllerTest {

  @Autowired private MockMvc mvc;
  @MockitoBean private NoticePipeline pipeline;
  @MockitoBean private AlipayNoticeChannel channel;

  @Test
  void receivedNoticeIsAnsweredSuccessInPlainText() throws Exception {
    given(pipeline.handle(eq(channel), any())).willReturn(ReasonCode.ACCEPTED);

    mvc.perform(post("/notify/alipay").contentType(MediaType.APPLICATION_FORM_URLENCODED))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
        .andExpect(content().string("success"));
  }

  @Test
  void duplicateAndUnpaidNoticesAreAcknowledgedToo() throws Exception {
    for (ReasonCode acknowledged :
        new ReasonCode[] {ReasonCode.DUPLICATE, ReasonCode.NOT_PAID_STATUS}) {
      given(pipeline.handle(eq(channel), any())).willReturn(acknowledged);

      mvc.perform(post("/notify/alipay").contentType(MediaType.APPLICATION_FORM_URLENCODED))
          .andExpect(status().isOk())
          .andExpect(content().string("success"));
    }
  }

  @Test
  void rejectedNoticeIsAnsweredFailureWithItsStatus() throws Exception {
    given(pipeline.handle(eq(channel), any())).willReturn(ReasonCode.SIGNATURE_INVALID);

    mvc.perform(post("/notify/alipay").contentType(MediaType.APPLICATION_FORM_URLENCODED))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
        .andExpect(content().string("failure"));
  }

  @Test
  void databaseTroubleIsA503SoAlipayRetries() throws Exception {
    given(pipeline.handle(eq(channel), any())).willReturn(ReasonCode.UNAVAILABLE);

    mvc.perform(post("/notify/alipay").contentType(MediaType.APPLICATION_FORM_URLENCODED))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().string("failure"));
  }

  @Test
  void gbkFormReachesThePipelineAsTheRawBytesSent() throws Exception {
    byte[] form = "charset=gbk&subject=测试订单".getBytes(Charset.forName("GBK"));
    given(pipeline.handle(eq(channel), any()))
        .willAnswer(
            call -> {
              HttpServletRequest request = call.getArgument(1);
              return Arrays.equals(request.getInputStream().readAllBytes(), form)
                  ? ReasonCode.ACCEPTED
                  : ReasonCode.MALFORMED;
            });

    mvc.perform(
            post("/notify/alipay")
                .contentType("application/x-www-form-urlencoded; charset=utf-8")
                .content(form))
        .andExpect(status().isOk())
        .andExpect(content().string("success"));
  }
}
