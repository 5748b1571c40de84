package wechattest

// Calls returns how many requests reached path (such as
// "/cgi-bin/stable_token"), counting failed and fault-injected ones.
func (s *Server) Calls(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[path]
}

// TokenCalls returns how many requests reached either token endpoint; use
// Calls for each one separately.
func (s *Server) TokenCalls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls["/cgi-bin/token"] + s.calls["/cgi-bin/stable_token"]
}

// ResetCalls forgets the call counts, so a test can count one phase alone.
func (s *Server) ResetCalls() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.calls)
}
