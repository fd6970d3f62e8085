/** Tuijin: the key-project supervision application (project ledger, lifecycle process, deadlines). */
package cn.tuijin;
