package com.paycallback.gateway.alipay;

import com.paycallback.crypto.BouncyCastle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.io.ResourceLoader;

/**
 * Certificate mode: the certificates' serial numbers ("SN") every OpenAPI request names and every
 * answer is checked against, computed as alipay-sdk-java computes them ({@code
 * AlipaySignature.getCertSN}, {@code AntCertificationUtil.getRootCertSN}): the MD5, as 32 hex
 * digits, of the issuer's RFC 2253 name followed by the decimal serial number. The root's SN joins
 * with {@code _} the SNs of the chain's RSA certificates only (signature OID {@code
 * 1.2.840.113549.1.1.*}: sha1WithRSA, sha256WithRSA); its SM2 certificates are left out.
 *
 * @param appCertSn {@code app_cert_sn}: our application's certificate
 * @param rootCertSn {@code alipay_root_cert_sn}: Alipay's root chain
 * @param alipayCertSn Alipay's public certificate; an answer naming another {@code alipay_cert_sn}
 *     was not signed with the key the shop trusts
 */
record AlipayCertificates(String appCertSn, String rootCertSn, String alipayCertSn) {

  private static final String PREFIX = "paycallback.channels.alipay.";
  private static final String RSA_SIGNATURES = "1.2.840.113549.1.1";

  /**
   * The configured certificate mode, or null in public-key mode.
   *
   * @throws IllegalStateException when only part of it is configured or a certificate is unreadable
   */
  static AlipayCertificates configured(AlipayProperties properties, ResourceLoader resources) {
    boolean app = present(properties.appCert());
    boolean root = present(properties.rootCert());
    if (!app && !root) {
      return null;
    }
    if (!app || !root || !present(properties.publicCert())) {
      throw new IllegalStateException(
          "certificate mode needs "
              + PREFIX
              + "app-cert, "
              + PREFIX
              + "root-cert and "
              + PREFIX
              + "public-cert together");
    }
    return new AlipayCertificates(
        certSn(read(properties.appCert(), "app-cert", resources).get(0)),
        rootCertSn(read(properties.rootCert(), "root-cert", resources)),
        certSn(read(properties.publicCert(), "public-cert", resources).get(0)));
  }

  /** {@code AlipaySignature.getCertSN}: of one certificate. */
  static String certSn(X509Certificate certificate) {
    String issuerAndSerial =
        certificate.getIssuerX500Principal().getName() + certificate.getSerialNumber();
    try {
      byte[] md5 =
          MessageDigest.getInstance("MD5").digest(issuerAndSerial.getBytes(StandardCharsets.UTF_8));
      return String.format("%032x", new BigInteger(1, md5));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is unavailable", e);
    }
  }

  /** {@code AntCertificationUtil.getRootCertSN}: of the chain's RSA certificates. */
  static String rootCertSn(List<X509Certificate> chain) {
    return chain.stream()
        .filter(certificate -> certificate.getSigAlgOID().startsWith(RSA_SIGNATURES))
        .map(AlipayCertificates::certSn)
        .collect(Collectors.joining("_"));
  }

  /**
   * The certificates of a setting, given inline as PEM or by a {@code file:} / {@code classpath:}
   * location. Read with BouncyCastle, as the SDK does: Alipay's root chain holds SM2 certificates
   * the JDK cannot parse.
   *
   * @param name the setting's name after {@code paycallback.channels.alipay.}, for the error
   */
  static List<X509Certificate> read(String pemOrLocation, String name, ResourceLoader resources) {
    String value = pemOrLocation.trim();
    try (InputStream pem =
        value.startsWith("-----BEGIN")
            ? new ByteArrayInputStream(value.getBytes(StandardCharsets.US_ASCII))
            : resources.getResource(value).getInputStream()) {
      List<X509Certificate> certificates =
          CertificateFactory.getInstance("X.509", BouncyCastle.PROVIDER)
              .generateCertificates(pem)
              .stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (certificates.isEmpty()) {
        throw new CertificateException("no certificate");
      }
      return certificates;
    } catch (IOException | CertificateException e) {
      throw new IllegalStateException(
          PREFIX + name + " is not a readable X.509 certificate (PEM)", e);
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
