"""The kiosk's side of HQ: enrolment, verified pack sync, the event outbox, heartbeat.

Plain Python, no Qt: the commands (`kiosk enroll`, `kiosk sync`, `kiosk status`, `kiosk
rollback`, `kiosk doctor`) call it directly, and the running kiosk calls the same code on a
worker thread. One module per job:

- `identity`: who this kiosk is to HQ (device id, credential, store), kept in the data
  folder readable by the kiosk's user only, and the secret kept while an enrolment is
  under way, so that a lost answer can be asked again;
- `hqclient`: HQ's API over `requests` (timeouts, keep-alive), its answers and refusals
  turned into `SyncError`s;
- `fetcher`: python-tuf's `FetcherInterface` on `requests`, resuming interrupted
  downloads of content-addressed targets with HTTP Range;
- `packsets`: the pack sets on disk (content-addressed blobs, complete sets, the pointer
  to the active and previous set, switched by one durable rename);
- `content`: one content sync: TUF refresh, the indexes of this kiosk's scopes, the blobs
  it lacks, staging, validation, switch;
- `outbox`: the ledger's events to HQ in gzipped batches, marked sent only when HQ
  acknowledged them; refused ones quarantined with HQ's reason; the cap on pending events
  and the counts of what it dropped;
- `backoff`: when to try HQ again after a failure (exponential, capped, full jitter).
"""
