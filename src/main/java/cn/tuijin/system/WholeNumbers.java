package cn.tuijin.system;

import java.beans.PropertyEditorSupport;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Whole numbers in the API's query parameters and paths ({@code page}, {@code size}, ids) as people write them:
 * decimal digits with an optional minus sign. Spring's own editors also take hexadecimal ({@code 0x10}, {@code #10}),
 * which would turn {@code page=0x10} into page 16 instead of a refusal.
 */
@ControllerAdvice(basePackages = "cn.tuijin")
class WholeNumbers {

    @InitBinder
    void decimalOnly(WebDataBinder binder) {
        binder.registerCustomEditor(int.class, new Decimal(false));
        binder.registerCustomEditor(Integer.class, new Decimal(false));
        binder.registerCustomEditor(long.class, new Decimal(true));
        binder.registerCustomEditor(Long.class, new Decimal(true));
    }

    /** Parses decimal digits only; anything else fails as a type mismatch (400 naming the parameter). */
    private static final class Decimal extends PropertyEditorSupport {

        private final boolean isLong;

        Decimal(boolean isLong) {
            this.isLong = isLong;
        }

        @Override
        public void setAsText(String text) {
            String t = text == null ? "" : text.trim();
            if (t.isEmpty()) {
                setValue(null);
            } else if (!t.matches("-?[0-9]{1,19}")) {
                throw new IllegalArgumentException("not a decimal whole number");
            } else {
                setValue(isLong ? Long.valueOf(t) : Integer.valueOf(t));
            }
        }
    }
}
