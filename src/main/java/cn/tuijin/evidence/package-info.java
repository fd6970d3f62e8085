/**
 * Evidence files (附件) of claims and monthly reports: uploaded on the open task by whoever may work it, the content type
 * checked from the bytes, kept with the claim once it is submitted (in the database, or a directory per installation),
 * shown to the verifier and in the project's drill-down; the files a claim's milestone requires (the permit for 开工).
 */
package cn.tuijin.evidence;
