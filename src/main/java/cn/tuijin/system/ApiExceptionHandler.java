package cn.tuijin.system;

import java.net.URI;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns refused input into RFC 9457 problem details with a Chinese message and the offending field.
 */
@RestControllerAdvice(basePackages = "cn.tuijin")
class ApiExceptionHandler {

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("输入有误");
        problem.setType(URI.create("urn:tuijin:invalid-input"));
        problem.setProperty("field", e.field());
        return problem;
    }

    /** A form or report refused by a process listener: the same answer as refused input of our own. */
    @ExceptionHandler(FormFieldValidationException.class)
    ProblemDetail refusedForm(FormFieldValidationException e) {
        Object field = e.getDetail();
        return invalidInput(new InvalidInputException(field == null ? null : field.toString(), e.getMessage()));
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("无权操作");
        problem.setType(URI.create("urn:tuijin:forbidden"));
        return problem;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("未找到");
        problem.setType(URI.create("urn:tuijin:not-found"));
        return problem;
    }
}
