package cn.tuijin.ledger;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refused ledger upload as an RFC 9457 problem detail: the summary in {@code detail}, the request's field at fault
 * in {@code field} (always {@code file}), every problem in {@code errors} as {row, column, message}.
 */
@RestControllerAdvice(basePackages = "cn.tuijin.ledger")
class LedgerExceptionHandler {

    @ExceptionHandler(LedgerRejectedException.class)
    ProblemDetail rejected(LedgerRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("台账导入未通过");
        problem.setType(URI.create("urn:tuijin:ledger-rejected"));
        problem.setProperty("field", "file");
        problem.setProperty("errors", e.problems());
        return problem;
    }
}
