package cn.tuijin.system;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns refused input into RFC 9457 problem details with a Chinese message and the offending field ({@code field}).
 * Input the application's own code refuses, and input Spring refuses before it reaches that code on the way to
 * {@code /api}: a body that is no JSON or has fields of the wrong type or unknown ({@link UnreadableBody}), a wrong
 * Content-Type, a query parameter that is not a number, a multipart body that cannot be parsed. When the body as a
 * whole is at fault the field is {@code body}. Not limited to the application's controllers: some of these are
 * refused before any controller is chosen; requests outside {@code /api} keep Spring's own answers.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        return invalid(HttpStatus.BAD_REQUEST, e.field(), e.getMessage());
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
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadableBody(HttpMessageNotReadableException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        return invalidInput(UnreadableBody.of(e));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail unsupportedMediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        boolean upload = e.getSupportedMediaTypes().stream().anyMatch(MediaType.MULTIPART_FORM_DATA::includes);
        String sent = request.getContentType() == null ? "未注明类型" : "“" + TextInput.shown(request.getContentType()) + "”";
        return invalid(HttpStatus.UNSUPPORTED_MEDIA_TYPE, UnreadableBody.BODY, upload
                ? "请以表单上传文件（multipart/form-data），收到的请求体为" + sent
                : "请求体须为 JSON（Content-Type: application/json，UTF-8 编码），收到的请求体为" + sent);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        Class<?> type = e.getRequiredType();
        boolean number = type != null && (type == int.class || type == long.class || Number.class.isAssignableFrom(type));
        String value = e.getValue() == null ? "" : e.getValue().toString();
        return invalid(HttpStatus.BAD_REQUEST, e.getName(), "「" + e.getName() + "」" + (number ? "应为整数" : "的格式不对")
                + "，收到“" + TextInput.shown(value) + "”");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        return invalid(HttpStatus.BAD_REQUEST, e.getParameterName(), "请填写「" + e.getParameterName() + "」");
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ProblemDetail missingPart(MissingServletRequestPartException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        return invalid(HttpStatus.BAD_REQUEST, e.getRequestPartName(), "请上传「" + e.getRequestPartName() + "」");
    }

    /** A multipart body that cannot be parsed (an upload above the limit is answered by the ledger's advice). */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail brokenMultipart(MultipartException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        return invalid(HttpStatus.BAD_REQUEST, UnreadableBody.BODY,
                "上传的表单（multipart/form-data）无法解析：分隔符（boundary）缺失或不一致，或内容不完整");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        ProblemDetail problem = invalid(HttpStatus.METHOD_NOT_ALLOWED, "method", "该接口不支持 " + TextInput.shown(e.getMethod())
                + " 请求" + (e.getSupportedMethods() == null ? "" : "（支持：" + String.join("、", e.getSupportedMethods()) + "）"));
        problem.setTitle("请求方法有误");
        return problem;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail noSuchEndpoint(NoResourceFoundException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "没有这个接口："
                + TextInput.shown(request.getRequestURI()));
        problem.setTitle("未找到");
        problem.setType(URI.create("urn:tuijin:not-found"));
        problem.setProperty("field", "path");
        return problem;
    }

    private static ProblemDetail invalid(HttpStatus status, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle("输入有误");
        problem.setType(URI.create("urn:tuijin:invalid-input"));
        problem.setProperty("field", field);
        return problem;
    }

    /** Spring's own answer for requests outside the application's API: the exception goes on unhandled. */
    private static void requireApi(HttpServletRequest request, Exception e) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            throw e;
        }
    }
}
