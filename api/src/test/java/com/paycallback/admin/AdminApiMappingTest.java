package com.paycallback.admin;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.paycallback.dispatch.SettlementStarter;
import com.paycallback.inbox.SettlementRecords;
import com.paycallback.inbox.SettlementRecords.SettlementRecord;
import com.paycallback.ledger.StepStateReader;
import com.paycallback.ledger.StepStateReader.StepReport;
import com.paycallback.ledger.StepStateReader.StepStates;
import com.paycallback.notice.NoticeAudit;
import com.paycallback.notice.NoticeTransport;
import com.paycallback.notice.NoticeTransportProperties;
import com.paycallback.settlement.SettlementStatus;
import com.paycallback.settlement.StepState;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The admin API's mapping and access rules, without a database or Temporal: who may read and who
 * may act, and what an unknown settlement or status answers. The operator lane end to end is {@link
 * SettlementOperationsEndToEndTest}.
 */
@WebMvcTest(controllers = {AdminSettlementsController.class, AdminActionsController.class})
@Import({SecurityConfig.class, NoticeTransport.class})
@EnableConfigurationProperties({AdminProperties.class, NoticeTransportProperties.class})
@TestPropertySource(
    properties = {
      "paycallback.admin.username=operator",
      "paycallback.admin.password=operator-secret",
      "paycallback.admin.users[0].username=viewer",
      "paycallback.admin.users[0].password=viewer-secret",
      "paycallback.admin.users[0].role=VIEWER",
      "paycallback.admin.users[1].username=hashed",
      // bcrypt of "operator-hashed-secret", configured as prod requires.
      "paycallback.admin.users[1].password={bcrypt}$2a$10$vRXMEnnJ1i/nidpY7I.irOg6F.Qc6YDi/T/h.nFq0yl9AJjU25HMi",
      "paycallback.admin.users[1].role=OPERATOR"
    })
class AdminApiMappingTest {

  @Autowired MockMvc mvc;

  @MockitoBean SettlementRecords settlements;
  @MockitoBean StepStateReader stepStates;
  @MockitoBean NoticeAudit notices;
  @MockitoBean SettlementActions actions;
  @MockitoBean SettlementOperator operator;
  @MockitoBean SettlementStarter starter;

  @Test
  void settlementIsShownWithTheStepStatesTheLedgerReports() throws Exception {
    when(settlements.find("T-1")).thenReturn(Optional.of(settlement("T-1")));
    when(stepStates.read(any()))
        .thenReturn(
            new StepStates(
                List.of(new StepReport("markOrderPaid", StepState.DONE, "PAID_NOW", 0, null)),
                List.of()));

    mvc.perform(get("/admin/settlements/T-1").with(httpBasic("viewer", "viewer-secret")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("SETTLED"))
        .andExpect(jsonPath("$.steps[0].step").value("markOrderPaid"))
        .andExpect(jsonPath("$.steps[0].state").value("DONE"))
        .andExpect(jsonPath("$.steps[0].result").value("PAID_NOW"));
  }

  @Test
  void unknownSettlementIsNotFound() throws Exception {
    when(settlements.find("T-404")).thenReturn(Optional.empty());

    mvc.perform(get("/admin/settlements/T-404").with(httpBasic("viewer", "viewer-secret")))
        .andExpect(status().isNotFound());
  }

  @Test
  void unknownStatusFilterIsABadRequest() throws Exception {
    mvc.perform(
            get("/admin/settlements")
                .param("status", "LOST")
                .with(httpBasic("viewer", "viewer-secret")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("unknown status LOST"));
  }

  @Test
  void readingNeedsCredentials() throws Exception {
    mvc.perform(get("/admin/settlements")).andExpect(status().isUnauthorized());
  }

  @Test
  void viewerMayNotAct() throws Exception {
    mvc.perform(
            post("/admin/settlements/T-1/retry")
                .header(AdminRequestGuard.CSRF_HEADER, "test")
                .with(httpBasic("viewer", "viewer-secret")))
        .andExpect(status().isForbidden());
  }

  @Test
  void actingOnASettlementThatIsNotParkedIsAConflict() throws Exception {
    when(settlements.find("T-1")).thenReturn(Optional.of(settlement("T-1")));

    mvc.perform(
            post("/admin/settlements/T-1/skip")
                .header(AdminRequestGuard.CSRF_HEADER, "test")
                .with(httpBasic("operator", "operator-secret")))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.outcome").value("REJECTED"))
        .andExpect(jsonPath("$.error").value("not parked: SETTLED"));
  }

  @Test
  void aStateChangingRequestWithoutTheAntiForgeryHeaderIsRefused() throws Exception {
    when(settlements.find("T-1")).thenReturn(Optional.of(settlement("T-1")));

    // What a cross-site form can send: the browser's cached credentials, no custom header.
    mvc.perform(post("/admin/settlements/T-1/skip").with(httpBasic("operator", "operator-secret")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value(containsString(AdminRequestGuard.CSRF_HEADER)));
  }

  @Test
  void aBcryptHashedPasswordLogsIn() throws Exception {
    mvc.perform(get("/admin/settlements").with(httpBasic("hashed", "operator-hashed-secret")))
        .andExpect(status().isOk());
  }

  @Test
  void failedLoginsAreRateLimitedPerClient() throws Exception {
    for (int i = 0; i < SecurityConfig.MAX_FAILED_LOGINS; i++) {
      mvc.perform(
              get("/admin/settlements")
                  .with(from("10.9.9.9"))
                  .with(httpBasic("operator", "guess-" + i)))
          .andExpect(status().isUnauthorized());
    }

    mvc.perform(
            get("/admin/settlements")
                .with(from("10.9.9.9"))
                .with(httpBasic("operator", "operator-secret")))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().exists("Retry-After"));
    mvc.perform(
            get("/admin/settlements")
                .with(from("10.9.9.8"))
                .with(httpBasic("operator", "operator-secret")))
        .andExpect(status().isOk());
  }

  @Test
  void noSessionOrCookieIsKept() throws Exception {
    mvc.perform(get("/admin/settlements").with(httpBasic("viewer", "viewer-secret")))
        .andExpect(status().isOk())
        .andExpect(header().doesNotExist("Set-Cookie"))
        .andExpect(request().sessionAttributeDoesNotExist("SPRING_SECURITY_CONTEXT"));
  }

  private static RequestPostProcessor from(String address) {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }

  private static SettlementRecord settlement(String transactionId) {
    Timestamp now = Timestamp.from(Instant.parse("2026-11-25T08:00:00Z"));
    return new SettlementRecord(
        transactionId,
        "generic",
        "PO-1",
        5000,
        "CNY",
        now,
        null,
        SettlementStatus.SETTLED,
        null,
        0,
        null,
        null,
        now,
        now,
        now);
  }
}
