// Package gather builds each year's annual report from the figures of
// package stats and the 依申请公开 record, checks it, and manages it from
// draft to frozen final snapshot. The report itself (its tables, checks and
// renderings) is pure and lives in package annualreport.
package gather
