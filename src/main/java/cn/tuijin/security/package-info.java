/**
 * Who may call what: Spring Security in front of the application's {@code /api} and Camunda's {@code /engine-rest},
 * with the users, passwords and groups of Camunda's identity service; roles from the groups; CSRF protection for
 * calls made with the browser's session; security headers; the administrator's password outside the demo.
 * The Camunda webapps (Tasklist, Cockpit, Admin) keep their own login, CSRF protection and headers.
 */
package cn.tuijin.security;
