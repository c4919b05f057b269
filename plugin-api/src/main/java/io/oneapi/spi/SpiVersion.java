package io.oneapi.spi;

/**
 * The version of this SPI. The proxy hands it to PF4J as the system version, so a plugin's
 * {@code Plugin-Requires} expression (for example {@code >=0.1.0 & <0.2.0}) is checked against it and
 * a plugin built for an incompatible SPI is disabled at start-up instead of failing mid-request.
 * A test keeps it equal to the Maven project version.
 */
public final class SpiVersion {
    /** The semantic version of {@code plugin-api}. */
    public static final String CURRENT = "0.1.0";

    private SpiVersion() {
    }
}
