"""HQ's side (`kiosk-hq`): sign and publish packs as a TUF repository, serve it with the
sync API (enrolment, events, heartbeats, orders, confirmation codes) and store what kiosks
send, in SQLite or PostgreSQL."""
