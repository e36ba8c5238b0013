package io.convprobe.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.proxy.Proxies;
import org.junit.jupiter.api.Test;

/** The requested proxies are part of a search's identity; none keeps the configuration as before proxies. */
class SearchConfigProxiesTest {
    private static SearchConfig with(String list) {
        return new SearchConfig("fake", SearchFixture.INPUT, SearchFixture.SETTINGS, "all",
                Proxies.parse(list));
    }

    @Test
    void theCanonicalListIsStoredAndAnotherListIsADifference() {
        SearchConfig a = with("ridge,naswot,synflow,params,macs");
        assertThat(a.canonical()).containsEntry("proxies", "ridge,naswot,synflow,params,macs");
        assertThat(with("macs,params,synflow,naswot,ridge").differences(SearchConfig.parse(a.toJson()))).isEmpty();
        assertThat(with("ridge,zico").differences(SearchConfig.parse(a.toJson())))
                .containsExactly("proxies ridge,naswot,synflow,params,macs ≠ ridge,zico");
    }

    @Test
    void noProxiesIsTheConfigurationOfSearchesFromBeforeProxies() {
        SearchConfig old = new SearchConfig("fake", SearchFixture.INPUT, SearchFixture.SETTINGS, "all");
        assertThat(old.canonical()).doesNotContainKey("proxies");
        assertThat(with("none").differences(SearchConfig.parse(old.toJson()))).isEmpty();
        assertThat(with("ridge").differences(SearchConfig.parse(old.toJson()))).containsExactly("proxies null ≠ ridge");
    }
}
