package com.paycallback.gateway.wechatpay;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.paycallback.notice.NoticePipeline;
import com.paycallback.notice.ReasonCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The WeChat Pay webhook's mapping and answer form, without a database or Temporal. */
@WebMvcTest(WechatPayNoticeController.class)
@AutoConfigureMockMvc(addFilters = false)
class WechatPayNoticeControllerTest {

  @Autowired private MockMvc mvc;
  @MockitoBean private NoticePipeline pipeline;
  @MockitoBean private WechatPayNoticeChannel channel;

  @Test
  void receivedNoticeIsAnswered204WithoutABody() throws Exception {
    given(pipeline.handle(eq(channel), any())).willReturn(ReasonCode.ACCEPTED);

    mvc.perform(post("/notify/wechatpay").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isNoContent())
        .andExpect(content().string(""));
  }

  @Test
  void duplicateNoticeIsAnswered204SoWechatPayStopsRetrying() throws Exception {
    given(pipeline.handle(eq(channel), any())).willReturn(ReasonCode.DUPLICATE);

    mvc.perform(post("/notify/wechatpay").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isNoContent());
  }

  @Test
  void rejectedNoticeGetsTheFailJsonWithItsReasonCode() throws Exception {
    given(pipeline.handle(eq(channel), any())).willReturn(ReasonCode.REPLAYED_NONCE);

    mvc.perform(post("/notify/wechatpay").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.code").value("FAIL"))
        .andExpect(jsonPath("$.message").value("REPLAYED_NONCE"));
  }

  @Test
  void databaseTroubleIsA503WithTheFailJson() throws Exception {
    given(pipeline.handle(eq(channel), any())).willReturn(ReasonCode.UNAVAILABLE);

    mvc.perform(post("/notify/wechatpay").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.code").value("FAIL"))
        .andExpect(jsonPath("$.message").value("UNAVAILABLE"));
  }
}
