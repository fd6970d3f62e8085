package cn.tuijin.ledger;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload above the servlet's multipart limit, answered in Chinese (413). Not limited to this package: the
 * multipart request is parsed before any controller is chosen, so no package-scoped advice would see it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitAdvice {

    private final DataSize limit;

    UploadLimitAdvice(@Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize limit) {
        this.limit = limit;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "上传的文件过大：上限为 " + limit.toMegabytes() + " MB。项目台账请删去无关的工作表、图片，或分成几个文件导入");
        problem.setTitle("文件过大");
        problem.setType(URI.create("urn:tuijin:upload-too-large"));
        problem.setProperty("field", "file");
        return problem;
    }
}
