"""成渝教育资源共享目录 — the catalog's domain and services in rooms; the web app is catalog.web."""
