/**
 * Who is held accountable (问责依据): the record written, once, when a deadline passes, naming the unit and the person
 * who held the work then, completed when the late work is done; never edited or deleted through any API.
 */
package cn.tuijin.accountability;
