package com.paycallback.gateway.generic;

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

/** The generic webhook's mapping and answer form, without a database or Temporal. */
@WebMvcTest(GenericNoticeController.class)
@AutoConfigureMockMvc(addFilters = false)
class GenericNoticeControllerTest {

  @Autowired private MockMvc mvc;
  @MockitoBean private NoticePipeline pipeline;
  @MockitoBean private GenericNoticeChannel channel;

  @Test
  void receivedNoticeIsAnswered204() throws Exception {
    given(pipeline.handle(eq(channel), any())).willReturn(ReasonCode.ACCEPTED);

    mvc.perform(post("/notify/generic").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isNoContent())
        .andExpect(content().string(""));
  }

  @Test
  void lateOrDoublePaymentIsStillAcknowledged() throws Exception {
    for (ReasonCode accepted :
        new ReasonCode[] {ReasonCode.LATE_PAYMENT, ReasonCode.DOUBLE_PAYMENT}) {
      given(pipeline.handle(eq(channel), any())).willReturn(accepted);

      mvc.perform(post("/notify/generic").contentType(MediaType.APPLICATION_JSON).content("{}"))
          .andExpect(status().isNoContent());
    }
  }

  @Test
  void mismatchedDuplicateIsA409WithItsReasonCode() throws Exception {
    given(pipeline.handle(eq(channel), any())).willReturn(ReasonCode.DUPLICATE_MISMATCH);

    mvc.perform(post("/notify/generic").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.code").value("FAIL"))
        .andExpect(jsonPath("$.message").value("DUPLICATE_MISMATCH"));
  }
}
