/**
 * An officer's own work: what he did and what became of it (已办: the tasks he completed, for himself or for someone
 * under a delegation, those his delegate completed for him, his transfer and extension requests), the issues he
 * reported (我发起的).
 */
package cn.tuijin.worklist;
