package cn.tuijin.worklist;

import cn.tuijin.org.Callers;
import cn.tuijin.system.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 已办 and 我发起的 over HTTP, a page at a time: the caller's own, unless he may read everyone's ({@code user}).
 */
@RestController
class WorklistController {

    private final WorklistService worklist;
    private final Callers callers;

    WorklistController(WorklistService worklist, Callers callers) {
        this.worklist = worklist;
        this.callers = callers;
    }

    @GetMapping("/api/worklist/done")
    WorklistService.Page<WorklistService.Done> done(@RequestParam(required = false) String user,
                                                    @RequestParam(defaultValue = "0") int page,
                                                    @RequestParam(defaultValue = "20") int size) {
        return worklist.done(callers.current(), user, new Paging(page, size));
    }

    @GetMapping("/api/worklist/started")
    WorklistService.Page<WorklistService.Started> started(@RequestParam(required = false) String user,
                                                          @RequestParam(defaultValue = "0") int page,
                                                          @RequestParam(defaultValue = "20") int size) {
        return worklist.started(callers.current(), user, new Paging(page, size));
    }
}
