/** Engine and web configuration: authorizations, Tasklist filters, access to the engine REST API; health and metrics. */
package cn.tuijin.system;
