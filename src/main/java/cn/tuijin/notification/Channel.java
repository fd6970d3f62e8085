package cn.tuijin.notification;

/** How a notice reaches someone. */
enum Channel { MAIL, WEBHOOK }
