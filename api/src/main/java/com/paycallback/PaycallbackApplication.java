package com.paycallback;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The payment-callback service: gateway webhooks in, settlement sagas out. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PaycallbackApplication {

  /** Freshness windows and nonce expiry read this clock. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  public static void main(String[] args) {
    SpringApplication.run(PaycallbackApplication.class, args);
  }
}
