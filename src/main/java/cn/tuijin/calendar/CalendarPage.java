package cn.tuijin.calendar;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The administrator's calendar page, {@code static/admin/calendar/index.html}, at {@code /admin/calendar/}. The page
 * is open like the dashboard's; what it reads and changes is the API's, which lets only administrators change a year.
 */
@Configuration
class CalendarPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/admin/calendar", "/admin/calendar/");
        registry.addViewController("/admin/calendar/").setViewName("forward:/admin/calendar/index.html");
    }
}
