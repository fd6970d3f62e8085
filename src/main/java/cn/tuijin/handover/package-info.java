/**
 * Handing a task over to another unit (申请转办): the holder of a task offered to his unit names the unit that should
 * do it and why; the project office decides in Tasklist (processes/task-transfer.bpmn); an approved transfer moves the
 * task, with its deadline, to the other unit, and the accountability with it from that moment. Counted per unit.
 */
package cn.tuijin.handover;
