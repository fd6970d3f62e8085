/** The project ledger in spreadsheets: template, import (preview and commit), export. */
package cn.tuijin.ledger;
