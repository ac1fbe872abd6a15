package com.paycallback;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The payment-callback service: gateway webhooks in, settlement sagas out. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PaycallbackApplication {

  public static void main(String[] args) {
    SpringApplication.run(PaycallbackApplication.class, args);
  }
}
