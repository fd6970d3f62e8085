package cn.tuijin.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The networks Prometheus may scrape from without logging in ({@code tuijin.metrics.networks}). */
class MetricsNetworksTest {

    @Test
    void aScraperInAConfiguredNetworkIsLetIn() {
        MetricsNetworks networks = new MetricsNetworks("10.20.0.0/24, 192.168.1.5");
        assertThat(networks.contains(from("10.20.0.7"))).isTrue();
        assertThat(networks.contains(from("192.168.1.5"))).isTrue();
        assertThat(networks.contains(from("10.20.1.7"))).isFalse();
        assertThat(networks.contains(from("127.0.0.1"))).isFalse();
    }

    @Test
    void noNetworkByDefault() {
        assertThat(new MetricsNetworks("").contains(from("127.0.0.1"))).isFalse();
        assertThat(new MetricsNetworks(null).contains(from("127.0.0.1"))).isFalse();
    }

    private static MockHttpServletRequest from(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
        request.setRemoteAddr(address);
        return request;
    }
}
