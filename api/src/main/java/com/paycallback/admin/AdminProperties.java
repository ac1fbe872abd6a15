package com.paycallback.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the admin API.
 *
 * @param username the built-in operator's name
 * @param password the built-in operator's password
 * @param users further users, each a viewer (reads) or an operator (reads and acts)
 */
@Validated
@ConfigurationProperties("paycallback.admin")
public record AdminProperties(
    String username, String password, @Valid @DefaultValue List<User> users) {

  public enum Role {
    VIEWER,
    OPERATOR
  }

  public record User(@NotBlank String username, @NotBlank String password, @NotNull Role role) {}
}
