package main

// wireDisclosure builds the 依申请公开 requests, the H5 application form and notices parts of a serving process and plugs them into
// a.deps, a.router and a.jobs.
func wireDisclosure(env *environment, a *app) error { return nil }
