package com.paycallback.admin;

import java.util.regex.Pattern;

/** Recognises the bcrypt hashes admin passwords are configured as in {@code prod}. */
public final class BcryptHashes {

  /** Spring Security's id of the bcrypt encoder in a stored password. */
  public static final String PREFIX = "{bcrypt}";

  private static final Pattern BCRYPT =
      Pattern.compile("(\\{bcrypt\\})?\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

  private BcryptHashes() {}

  /** {@code $2a$12$...}, {@code $2b$}, {@code $2y$} (htpasswd's), with or without the prefix. */
  public static boolean isBcrypt(String password) {
    return password != null && BCRYPT.matcher(password).matches();
  }
}
