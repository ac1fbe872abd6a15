package com.paycallback.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the admin API in front of its HTTP Basic check.
 *
 * <p>Cross-site request forgery: a browser that holds an operator's Basic credentials sends them
 * with any request to us, including a form another site posts. A form (or any "simple" request)
 * cannot carry a custom header, and a cross-origin script that adds one needs a CORS preflight that
 * the admin API never grants. So a state-changing request must carry {@value #CSRF_HEADER} (any
 * value); a token would need session state, which the API deliberately does not keep.
 *
 * <p>Password guessing: failed logins are counted per client address (the gateway-facing one, as
 * {@code paycallback.trusted-proxies} resolves it) and a client over the limit is answered 429.
 */
class AdminRequestGuard extends OncePerRequestFilter {

  static final String CSRF_HEADER = "X-Requested-By";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final FailedLoginLimiter limiter;
  private final Function<HttpServletRequest, String> clientAddress;

  AdminRequestGuard(
      FailedLoginLimiter limiter, Function<HttpServletRequest, String> clientAddress) {
    this.limiter = limiter;
    this.clientAddress = clientAddress;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/admin/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!SAFE_METHODS.contains(request.getMethod())) {
      String marker = request.getHeader(CSRF_HEADER);
      if (marker == null || marker.isBlank()) {
        refuse(
            response,
            HttpStatus.FORBIDDEN,
            "state-changing admin requests need the " + CSRF_HEADER + " header");
        return;
      }
    }
    String client = clientAddress.apply(request);
    Optional<Duration> blocked = limiter.blockedFor(client);
    if (blocked.isPresent()) {
      response.setHeader(
          HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, blocked.get().toSeconds())));
      refuse(response, HttpStatus.TOO_MANY_REQUESTS, "too many failed logins; try again later");
      return;
    }
    boolean credentials = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    chain.doFilter(request, response);
    if (credentials) {
      if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
        limiter.failed(client);
      } else {
        limiter.succeeded(client);
      }
    }
  }

  private static void refuse(HttpServletResponse response, HttpStatus status, String error)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.getWriter().write("{\"error\":\"" + error + "\"}");
  }
}
