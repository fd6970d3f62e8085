package cn.tuijin.light;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When investment lagging the time-proportional schedule (序时进度) turns a project's light yellow or red:
 * the share of the scheduled year-to-date investment that is missing.
 */
@ConfigurationProperties("tuijin.lights")
public record LightPolicy(@DefaultValue("0.10") double yellowLag, @DefaultValue("0.30") double redLag) {
}
