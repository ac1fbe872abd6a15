package com.paycallback.admin;

import com.paycallback.notice.NoticeTransport;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Webhooks and the sandbox are open (they prove themselves by signature, or exist only in the
 * embedded default); the admin API takes HTTP Basic: viewers read, operators also act.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  /** Failed logins a client may make per window before it is refused until the window ends. */
  static final int MAX_FAILED_LOGINS = 5;

  static final Duration FAILED_LOGIN_WINDOW = Duration.ofMinutes(1);

  /**
   * No observation per security filter: every webhook request would pay for a dozen timers and
   * spans on its hot path (a profile put a tenth of the request threads' CPU there), while the
   * requests themselves are observed once by Spring MVC and counted by the notice pipeline.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  /**
   * The webhooks' own chain, without HTTP Basic: a gateway (or a forger) that sends an {@code
   * Authorization} header gets no password hashing and no 401; the notice proves itself by its
   * signature, nothing else.
   */
  @Bean
  @Order(1)
  SecurityFilterChain webhookFilterChain(HttpSecurity http) throws Exception {
    return http.securityMatcher("/notify/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain securityFilterChain(
      HttpSecurity http, NoticeTransport transport, ObjectProvider<Clock> clock) throws Exception {
    AdminRequestGuard guard =
        new AdminRequestGuard(
            new FailedLoginLimiter(
                MAX_FAILED_LOGINS, FAILED_LOGIN_WINDOW, clock.getIfAvailable(Clock::systemUTC)),
            transport::sourceIp);
    return http.addFilterBefore(guard, BasicAuthenticationFilter.class)
        .authorizeHttpRequests(
            requests ->
                requests
                    // The error page of an unmapped path (a channel that is off) stays a 404.
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers("/sandbox/**")
                    .permitAll()
                    // Served on the management port only, which is never published.
                    .requestMatchers("/actuator/health", "/actuator/prometheus")
                    .permitAll()
                    // Temporal UI's codec endpoint: whoever decodes reads every settlement.
                    .requestMatchers(HttpMethod.POST, "/codec/**")
                    .hasRole("OPERATOR")
                    .requestMatchers(HttpMethod.GET, "/admin/**")
                    .hasAnyRole("VIEWER", "OPERATOR")
                    .requestMatchers("/admin/**")
                    .hasRole("OPERATOR")
                    .anyRequest()
                    .denyAll())
        .httpBasic(Customizer.withDefaults())
        // CORS only where a bean grants it (the codec endpoint, for Temporal UI's origin).
        .cors(Customizer.withDefaults())
        // No browser sessions or cookies: gateways and operators' tools send every request whole.
        // Forgery is stopped by AdminRequestGuard's header rule instead of a session-bound token.
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  InMemoryUserDetailsManager adminUsers(AdminProperties properties, PasswordEncoder encoder) {
    List<UserDetails> users = new ArrayList<>();
    if (properties.username() != null && properties.password() != null) {
      users.add(
          User.withUsername(properties.username())
              .password(stored(properties.password(), encoder))
              .roles(AdminProperties.Role.OPERATOR.name())
              .build());
    }
    for (AdminProperties.User user : properties.users()) {
      users.add(
          User.withUsername(user.username())
              .password(stored(user.password(), encoder))
              .roles(user.role().name())
              .build());
    }
    if (users.isEmpty()) {
      throw new IllegalStateException(
          "no admin user: set paycallback.admin.username and paycallback.admin.password");
    }
    return new InMemoryUserDetailsManager(users);
  }

  /**
   * A bcrypt hash is kept as configured; a plain password (the embedded default only: prod refuses
   * one at start-up) is hashed here, so no plain password stays in memory.
   */
  static String stored(String password, PasswordEncoder encoder) {
    if (BcryptHashes.isBcrypt(password)) {
      return password.startsWith(BcryptHashes.PREFIX) ? password : BcryptHashes.PREFIX + password;
    }
    return encoder.encode(password);
  }
}
