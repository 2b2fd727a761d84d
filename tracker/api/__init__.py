"""The HTTP API and web page (`tracker serve`): the same answers as the CLI, over FastAPI.

Nothing happens at import: ``tracker.api.app.create_app(settings)`` builds an application (the
engine, the name index holder, the routers), and ``create_app_from_env`` is the factory uvicorn
calls in each worker. Modules:

- config: the API's own settings (bearer token, how often the store is checked for changes)
- state: what one worker holds (engine, the name index, reloaded when the store changes)
- errors: tracker errors -> 400 / 404 / 503 with a one-line ``detail``; validation -> 422
- metrics: Prometheus counters and latency histograms (one registry per app, or multiprocess)
- routes/: one router per area: search (search, match), entries (entities, sources, changes, diff,
  mentions, alerts, watches), actions (sync, news scan, watch; bearer token), health (healthz,
  readyz, metrics)
"""
