package com.paycallback.gateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the property has a non-blank value. Unlike {@code @ConditionalOnProperty}, an empty
 * value — what docker compose passes for an unset {@code ${VAR:-}} — counts as not configured.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ConditionalOnConfigured.OnConfigured.class)
public @interface ConditionalOnConfigured {

  /** The property that must be set. */
  String value();

  class OnConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Map<String, Object> attributes =
          metadata.getAnnotationAttributes(ConditionalOnConfigured.class.getName());
      String value = context.getEnvironment().getProperty((String) attributes.get("value"));
      return value != null && !value.isBlank();
    }
  }
}
