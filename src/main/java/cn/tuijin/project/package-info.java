/** The project ledger and its lifecycle process (签约 → 开工 → 竣工 → 投产). */
package cn.tuijin.project;
