package com.paycallback.admin;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Webhooks and the sandbox are open (they prove themselves by signature, or exist only in the
 * embedded default); the admin API takes HTTP Basic: viewers read, operators also act.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            requests ->
                requests
                    // The error page of an unmapped path (a channel that is off) stays a 404.
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers("/notify/**", "/sandbox/**")
                    .permitAll()
                    // Served on the management port only, which is never published.
                    .requestMatchers("/actuator/health", "/actuator/prometheus")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/admin/**")
                    .hasAnyRole("VIEWER", "OPERATOR")
                    .requestMatchers("/admin/**")
                    .hasRole("OPERATOR")
                    .anyRequest()
                    .denyAll())
        .httpBasic(Customizer.withDefaults())
        // No browser sessions or cookies: gateways and operators' tools send every request whole.
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
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
              .password(encoder.encode(properties.password()))
              .roles(AdminProperties.Role.OPERATOR.name())
              .build());
    }
    for (AdminProperties.User user : properties.users()) {
      users.add(
          User.withUsername(user.username())
              .password(encoder.encode(user.password()))
              .roles(user.role().name())
              .build());
    }
    if (users.isEmpty()) {
      throw new IllegalStateException(
          "no admin user: set paycallback.admin.username and paycallback.admin.password");
    }
    return new InMemoryUserDetailsManager(users);
  }
}
