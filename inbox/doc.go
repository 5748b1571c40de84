// Package inbox holds the rules of 互动回应: the states a citizen's message
// moves through, its reply deadline in working days on the official holiday
// calendar, the time staff took to answer counted in office hours, the
// masking of phone and ID numbers inside free text, the sensitive-word flags,
// the honest acknowledgement the bot sends, and the monthly and yearly
// figures. It does no I/O: instants, the calendar and the settings are
// always passed in, so every rule is tested without a database.
package inbox
