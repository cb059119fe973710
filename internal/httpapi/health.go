package httpapi

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
)

// health is the answer of the probes, in the manner of Gotenberg's /health:
// an overall status and, for readiness, each check with why it is down.
type health struct {
	Status string           `json:"status"` // up or down
	Checks map[string]check `json:"checks,omitempty"`
}

type check struct {
	Status  string `json:"status"`
	Message string `json:"message,omitempty"`
}

// healthz is liveness: the process answers. It never looks at fonts or
// queues — restarting a process that is loading fonts would not help it.
func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, health{Status: "up"})
}

// readyz is readiness: 200 when the service can take work — fonts loaded and
// the render queue accepting — and 503, with each check's reason, while it
// starts, when the fonts are missing, or while it shuts down.
func (s *Server) readyz(c *gin.Context) {
	st := s.state()
	checks := map[string]check{}
	switch {
	case st.fonts != nil:
		checks["fonts"] = check{Status: "up"}
	case st.fontsErr != nil:
		checks["fonts"] = check{Status: "down", Message: st.fontsErr.Error()}
	default:
		checks["fonts"] = check{Status: "down", Message: "loading"}
	}
	if st.draining {
		checks["queue"] = check{Status: "down", Message: "shutting down: finishing the requests in flight"}
	} else {
		checks["queue"] = check{Status: "up", Message: fmt.Sprintf("%d rendering, %d waiting of %d",
			s.limit.active(), s.limit.queued(), s.limit.maxQueue)}
	}
	if s.batches != nil {
		if err := s.batches.Check(c.Request.Context()); err != nil {
			checks["batches"] = check{Status: "down", Message: err.Error()}
		} else if n, err := s.batches.Queued(c.Request.Context()); err == nil {
			checks["batches"] = check{Status: "up", Message: fmt.Sprintf("%d documents queued or rendering", n)}
		} else {
			checks["batches"] = check{Status: "up"}
		}
	}
	h := health{Status: "up", Checks: checks}
	for _, ch := range checks {
		if ch.Status != "up" {
			h.Status = "down"
		}
	}
	status := http.StatusOK
	if h.Status != "up" {
		status = http.StatusServiceUnavailable
	}
	c.JSON(status, h)
}
