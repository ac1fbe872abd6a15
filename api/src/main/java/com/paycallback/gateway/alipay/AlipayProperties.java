package com.paycallback.gateway.alipay;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alipay's settings: its notices and our calls to its OpenAPI.
 *
 * @param appId our app id at Alipay; a notice for another app is refused
 * @param sellerId our seller (partner) id; a notice for another seller is refused
 * @param publicKeys Alipay's public keys, PEM or base64 X.509 SubjectPublicKeyInfo; any may match
 *     (several during a key rotation)
 * @param publicCert certificate mode: Alipay's public certificate (PEM, or a {@code file:} or
 *     {@code classpath:} location of one); its key is trusted beside the public keys
 * @param appCert certificate mode: our application's certificate (PEM or location, {@code
 *     appCertPublicKey_<app id>.crt}); with {@link #rootCert} every OpenAPI request carries {@code
 *     app_cert_sn} and {@code alipay_root_cert_sn}. Set both or neither, and {@link #publicCert}
 *     with them
 * @param rootCert certificate mode: Alipay's root certificate chain (PEM or location, {@code
 *     alipayRootCert.crt})
 * @param allowedIps CIDRs Alipay calls from; empty = no IP check
 * @param merchantPrivateKey our application private key (PKCS#8, PEM or base64) that signs OpenAPI
 *     requests (RSA2); refunds, trade queries and closes through Alipay are only possible when it
 *     is set (in sandbox, without it, the simulated Alipay is called with a sandbox key)
 * @param gatewayUrl Alipay's OpenAPI gateway
 */
@Validated
@ConfigurationProperties("paycallback.channels.alipay")
public record AlipayProperties(
    String appId,
    String sellerId,
    @DefaultValue List<String> publicKeys,
    String publicCert,
    String appCert,
    String rootCert,
    @DefaultValue List<String> allowedIps,
    String merchantPrivateKey,
    @NotNull @DefaultValue("https://openapi.alipay.com/gateway.do") URI gatewayUrl) {}
