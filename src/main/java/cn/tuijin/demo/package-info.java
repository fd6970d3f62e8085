/** The seeded demo city of the demo profile. */
package cn.tuijin.demo;
