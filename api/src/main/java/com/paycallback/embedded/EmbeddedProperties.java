package com.paycallback.embedded;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded default's own infrastructure: a MariaDB and Temporal's test server, both on
 * 127.0.0.1. Off in {@code prod}, where an external MySQL and a Temporal cluster are configured.
 *
 * @param database start the embedded MariaDB and use it as the data source
 * @param databasePort its port (0 = any free port)
 * @param dataDir where it keeps its data; survives restarts
 * @param temporal start Temporal's test server
 * @param temporalPort the port it listens on
 * @param temporalHeap run it in a JVM of its own with this maximum heap ({@code -Xmx}, e.g. {@code
 *     2g}); blank runs it inside the service
 */
@Validated
@ConfigurationProperties("paycallback.embedded")
public record EmbeddedProperties(
    @DefaultValue("false") boolean database,
    @DefaultValue("3307") int databasePort,
    @NotNull @DefaultValue("data/mariadb") Path dataDir,
    @DefaultValue("false") boolean temporal,
    @DefaultValue("7233") int temporalPort,
    @NotNull @DefaultValue("") String temporalHeap) {}
