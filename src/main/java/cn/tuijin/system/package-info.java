/** Engine and web configuration: authorizations, Tasklist filters, access to the engine REST API. */
package cn.tuijin.system;
