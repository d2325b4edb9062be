-- A proposal version is frozen once created: what it says, and its fingerprint, can never change.
CREATE TRIGGER `proposal_versions_frozen`
BEFORE UPDATE OF `engagement_id`, `number`, `snapshot_json`, `content_json`, `content_hash`, `created_by_id`, `created_at` ON `proposal_versions`
BEGIN
  SELECT RAISE(ABORT, 'proposal versions are frozen');
END;
--> statement-breakpoint
CREATE TRIGGER `proposal_pictures_frozen`
BEFORE UPDATE ON `proposal_pictures`
BEGIN
  SELECT RAISE(ABORT, 'proposal pictures are frozen');
END;
