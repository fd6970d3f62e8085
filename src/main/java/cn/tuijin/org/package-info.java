/** Units, people and their Camunda users and groups. */
package cn.tuijin.org;
