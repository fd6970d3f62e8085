package cn.tuijin.security;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The networks from which the metrics may be scraped without logging in ({@code tuijin.metrics.networks}: CIDR blocks
 * or single addresses, comma-separated; none by default). Matched against the address the request came from, so
 * Prometheus should scrape each node directly, not through the load balancer.
 */
final class MetricsNetworks {

    private final List<IpAddressMatcher> networks;

    MetricsNetworks(String networks) {
        this.networks = Arrays.stream(networks == null ? new String[0] : networks.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(IpAddressMatcher::new).toList();
    }

    boolean contains(HttpServletRequest request) {
        return networks.stream().anyMatch(n -> n.matches(request));
    }
}
