package cn.tuijin.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The product's name as its pages show it, before anyone logs in (Tasklist's login page and header): 推进 with the
 * city's name of this installation ({@code tuijin.city-name}, e.g. 临江市).
 */
@RestController
class SiteBranding {

    static final String PRODUCT = "推进";

    private final String cityName;

    SiteBranding(@Value("${tuijin.city-name:}") String cityName) {
        this.cityName = cityName == null ? "" : cityName.trim();
    }

    /** The city, the product, and the title the pages show ({city}重点项目推进, or 重点项目推进 without a city). */
    record Branding(String cityName, String product, String title) {
    }

    @GetMapping("/site/branding")
    ResponseEntity<Branding> branding() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .body(new Branding(cityName, PRODUCT, cityName + "重点项目" + PRODUCT));
    }
}
