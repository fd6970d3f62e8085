/** An officer's own work: the tasks he completed and what became of them (已办), the issues he reported (我发起的). */
package cn.tuijin.worklist;
