"""Reference statistics: CBS StatLine snapshots (:mod:`.snapshot`), pulling them from the
OData v4 API (:mod:`.pull`), and checking claims against them (:mod:`.reference`)."""
