/** Notices that reach people: per person and per unit settings, delivery by mail and group-robot webhooks. */
package cn.tuijin.notification;
