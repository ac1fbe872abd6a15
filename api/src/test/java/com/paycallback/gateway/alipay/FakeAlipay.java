package com.paycallback.gateway.alipay;

import com.alipay.api.internal.util.AlipaySignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.paycallback.gateway.FakeGateway;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Alipay's OpenAPI on 127.0.0.1 for tests: it checks each request with the official SDK's {@code
 * AlipaySignature} against the merchant's public key (and, in certificate mode, that the request
 * names the expected certificate SNs), hands the method and its biz_content to the test, and signs
 * the answer with the SDK as Alipay does.
 */
final class FakeAlipay implements AutoCloseable {

  static final String APP_ID = "2021000000000001";

  /** The test's answer to one call: the fields of the {@code <method>_response} node. */
  interface Methods extends Function<Call, Map<String, Object>> {}

  record Call(String method, JsonNode biz, Map<String, String> params) {}

  final KeyPair merchant = AlipayNotices.newKeyPair();
  final KeyPair alipay = AlipayNotices.newKeyPair();
  private final ObjectMapper json = new ObjectMapper();
  private final FakeGateway server;

  /** Signs answers with this key (Alipay's, unless a test forges). */
  KeyPair answerKey = alipay;

  /** Certificate mode: the SNs a request must carry; null in public-key mode. */
  String expectedAppCertSn;

  String expectedRootCertSn;

  /** Certificate mode: the {@code alipay_cert_sn} answers carry; null for none. */
  String alipayCertSn;

  /** Turns the whole signed body into what the test wants Alipay's answer to look like. */
  Function<String, String> tamper = Function.identity();

  FakeAlipay(Methods methods) {
    server = new FakeGateway(request -> answer(request, methods));
  }

  private FakeGateway.Answer answer(FakeGateway.Received request, Methods methods)
      throws Exception {
    Map<String, String> params = new TreeMap<>();
    for (String pair : request.body().split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    String method = params.get("method");
    Map<String, Object> response;
    // OpenAPI requests sign every parameter but sign itself (sign_type included).
    boolean genuine =
        AlipaySignature.rsaCheckV2(
            new TreeMap<>(params), base64(merchant.getPublic().getEncoded()), "utf-8", "RSA2");
    boolean certificatesNamed =
        expectedAppCertSn == null
            || (expectedAppCertSn.equals(params.get("app_cert_sn"))
                && expectedRootCertSn.equals(params.get("alipay_root_cert_sn")));
    if (!genuine || !APP_ID.equals(params.get("app_id"))) {
      response = refused("40002", "isv.invalid-signature");
    } else if (!certificatesNamed) {
      response = refused("40002", "isv.cert-sn-mismatch");
    } else {
      response = methods.apply(new Call(method, json.readTree(params.get("biz_content")), params));
    }
    String content = json.writeValueAsString(response);
    String sign =
        AlipaySignature.rsa256Sign(content, base64(answerKey.getPrivate().getEncoded()), "utf-8");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(method.replace('.', '_') + "_response", json.readTree(content));
    if (alipayCertSn != null) {
      body.put("alipay_cert_sn", alipayCertSn);
    }
    body.put("sign", sign);
    return new FakeGateway.Answer(
        200,
        Map.of("Content-Type", "application/json;charset=utf-8"),
        tamper.apply(json.writeValueAsString(body)));
  }

  static Map<String, Object> success(Object... fields) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("code", "10000");
    answer.put("msg", "Success");
    for (int i = 0; i < fields.length; i += 2) {
      answer.put((String) fields[i], fields[i + 1]);
    }
    return answer;
  }

  static Map<String, Object> refused(String code, String subCode) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("code", code);
    answer.put("msg", "Business Failed");
    answer.put("sub_code", subCode);
    answer.put("sub_msg", "交易不存在");
    return answer;
  }

  /** Our caller of this Alipay, in public-key mode or with the given certificate SNs. */
  AlipayOpenApi openApi(AlipayCertificates certificates) {
    return new AlipayOpenApi(
        APP_ID,
        merchant.getPrivate(),
        () -> server.uri("/gateway.do"),
        new AlipayKeys(List.of(alipay.getPublic())),
        certificates,
        HttpClient.newHttpClient(),
        Clock.systemUTC());
  }

  static String base64(byte[] der) {
    return Base64.getEncoder().encodeToString(der);
  }

  @Override
  public void close() {
    server.close();
  }
}
